# bash completion for zklive                                    -*- shell-script -*-
# Installed as share/bash-completion/completions/zklive. Subcommands, their options, .ini
# files where a config is expected, and znode paths asked live from ZooKeeper through the
# hidden `zklive __complete znode [CONFIG] [-H HOSTS] PREFIX` (short timeout, silent).

_zklive_commands="watch write set diff get ls create-node rm acl register check-freshness help"

# Every option that takes a value, in any command (--version only in rm and acl set).
_zklive_value_options="-H --hosts --timeout --max-bytes --unset --acl -w --warning -c --critical -f --file --missing -t -d --data --format --name --uri-spec --drain --check --check-interval --check-timeout --rise --fall --metrics-file"

# Whether $1 takes a value in command $2.
_zklive_takes_value() {
    [[ $1 == --version ]] && [[ $2 == rm || $2 == "acl set" ]] && return 0
    [[ " $_zklive_value_options " == *" $1 "* ]]
}

_zklive_options() {
    case $1 in
    watch) echo "-h --help --once" ;;
    write) echo "-h --help -H --hosts --timeout --dry-run --confirm --no-confirm --json --raw --max-bytes --color" ;;
    set) echo "-h --help -H --hosts --timeout --unset --replace --dry-run --confirm --no-confirm --max-bytes --color" ;;
    diff) echo "-h --help -H --hosts --timeout --color --json" ;;
    get) echo "-h --help -H --hosts --timeout --stat --json --resolve --watch" ;;
    ls) echo "-h --help -H --hosts --timeout -R --recursive --json --watch" ;;
    create-node) echo "-h --help -H --hosts --timeout -p --parents --acl" ;;
    rm) echo "-h --help -H --hosts --timeout --version -r --recursive --force --dry-run" ;;
    acl) echo "-h --help" ;;
    "acl get") echo "-h --help -H --hosts --timeout --json" ;;
    "acl set") echo "-h --help -H --hosts --timeout --version -R --recursive" ;;
    register) echo "-h --help -H --hosts --timeout -d --data --format --name --uri-spec -p --parents --all-addresses --drain --check --check-interval --check-timeout --rise --fall --metrics-file" ;;
    check-freshness) echo "-h --help -V --version -w --warning -c --critical -f --file --missing --zk --json -t --timeout" ;;
    help) echo "-h --help" ;;
    *) echo "-h --help --version -v --verbose" ;;
    esac
}

# The arguments after [CONFIG], one word per slot.
_zklive_slots() {
    case $1 in
    write | diff) echo "file znode" ;;
    get | ls | rm | set | "acl get") echo "znode" ;;
    "acl set") echo "znode acl" ;;
    create-node) echo "znode file" ;;
    register) echo "znode address" ;;
    help) echo "command" ;;
    esac
}

# Adds the words of $1 that start with $2 to COMPREPLY.
_zklive_add_words() {
    local word
    for word in $1; do
        [[ $word == "$2"* ]] && COMPREPLY+=("$word")
    done
}

# Config files: *.ini, and directories to descend into.
_zklive_add_configs() {
    local IFS=$'\n' path
    for path in $(compgen -f -- "$1"); do
        [[ -d $path || $path == *.ini ]] && COMPREPLY+=("$path")
    done
    compopt -o filenames 2>/dev/null
}

_zklive_add_files() {
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$1"))
    compopt -o filenames 2>/dev/null
}

# $1 prefix, $2 CONFIG or "", $3 HOSTS or "", $4 the zklive to ask.
_zklive_add_znodes() {
    local -a source=()
    [[ -n $2 ]] && source+=("$2")
    [[ -n $3 ]] && source+=(-H "$3")
    local IFS=$'\n' path
    for path in $("$4" __complete znode "${source[@]}" "$1" 2>/dev/null); do
        COMPREPLY+=("$(printf %q "$path")")
    done
    # A node with children ends in '/': keep completing below it.
    for path in "${COMPREPLY[@]}"; do
        if [[ $path == */ ]]; then
            compopt -o nospace 2>/dev/null
            break
        fi
    done
}

_zklive() {
    COMPREPLY=()
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

    # --color=WHEN and the like: bash splits at '=' (it is in COMP_WORDBREAKS).
    local after_equals=0
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=
        after_equals=1
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
        after_equals=1
    fi

    # Find the command, and the positionals and -H before the word being completed.
    local command= hosts= i word
    local -a positionals=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == = ]]; then
            ((i++)) # the value of an --option=value
            continue
        fi
        if [[ $word == -* ]]; then
            if _zklive_takes_value "$word" "$command" && [[ ${COMP_WORDS[i + 1]-} != = ]]; then
                [[ $word == -H || $word == --hosts ]] && hosts=${COMP_WORDS[i + 1]-}
                ((i++))
            fi
            continue
        fi
        if [[ -z $command ]]; then
            command=$word
        elif [[ $command == acl ]]; then
            command="acl $word" # acl get, acl set: the action is part of the command
        else
            positionals+=("$word")
        fi
    done

    case $prev in
    --color)
        # Only --color=WHEN takes a value; a bare --color means always.
        if ((after_equals)); then
            _zklive_add_words "auto always never" "$cur"
            return
        fi
        ;;
    --acl)
        _zklive_add_words "open world-read private" "$cur"
        return
        ;;
    --missing)
        _zklive_add_words "critical warning ok" "$cur"
        return
        ;;
    --format)
        _zklive_add_words "zc curator serverset" "$cur"
        return
        ;;
    -f | --file)
        [[ $command == check-freshness ]] && _zklive_add_files "$cur"
        return
        ;;
    --metrics-file)
        _zklive_add_files "$cur"
        return
        ;;
    -H | --hosts | --timeout | --max-bytes | --unset | -w | --warning | -c | --critical | -t | -d | --data | \
        --name | --uri-spec | --drain | --check | --check-interval | --check-timeout | --rise | --fall)
        return
        ;;
    --version)
        _zklive_takes_value "$prev" "$command" && return
        ;;
    esac

    if [[ $cur == -* ]]; then
        _zklive_add_words "$(_zklive_options "$command")" "$cur"
        return
    fi
    if [[ -z $command ]]; then
        _zklive_add_words "$_zklive_commands" "$cur"
        return
    fi
    if [[ $command == acl ]]; then
        _zklive_add_words "get set" "$cur"
        return
    fi

    # Which slot is this word? The first positional is CONFIG unless -H or $ZKLIVE_CONFIG
    # name the servers and it does not end in .ini.
    local -a slots=($(_zklive_slots "$command"))
    local config= index=${#positionals[@]}
    local servers_elsewhere=
    [[ -n $hosts || -n ${ZKLIVE_CONFIG-} ]] && servers_elsewhere=1
    if [[ $command == help ]]; then
        ((index == 0)) && _zklive_add_words "${_zklive_commands% help}" "$cur"
        return
    fi
    if ((index > 0)); then
        if [[ ${positionals[0]} == *.ini || -z $servers_elsewhere ]]; then
            config=${positionals[0]}
            ((index--))
        fi
    elif [[ -z $servers_elsewhere || ${#slots[@]} -eq 0 ]]; then
        _zklive_add_configs "$cur"
        return
    fi

    local program=${COMP_WORDS[0]/#\~/$HOME}
    case ${slots[index]-} in
    znode)
        if [[ -z $cur || $cur == /* ]]; then
            _zklive_add_znodes "$cur" "$config" "$hosts" "$program"
        elif [[ -z $config ]]; then
            _zklive_add_configs "$cur"
        fi
        ;;
    file) _zklive_add_files "$cur" ;;
    acl) _zklive_add_words "open world-read private" "$cur" ;;
    esac
}

complete -F _zklive zklive
