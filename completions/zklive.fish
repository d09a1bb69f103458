# fish completion for zklive, installed as share/fish/vendor_completions.d/zklive.fish.
# Subcommands, their options, .ini files where a config is expected, and znode paths asked
# live from ZooKeeper through the hidden `zklive __complete znode [CONFIG] [-H HOSTS] PREFIX`.

set -l commands watch write set diff get ls create-node rm acl register check-freshness help

# Every option that takes a value, in any command.
set -g __zklive_value_options -H --hosts --timeout --max-bytes --unset --acl -w --warning -c --critical -f --file --missing -t -d --data --format --name --uri-spec --drain --check --check-interval --check-timeout --rise --fall --metrics-file

# The words before the cursor: the command, -H's value and the positionals after the command.
function __zklive_parse
    set -l tokens (commandline -opc)
    set -g __zklive_command
    set -g __zklive_hosts
    set -g __zklive_positionals
    set -g __zklive_action # acl's get or set
    set -l skip 0
    set -l previous
    for token in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
            contains -- $previous -H --hosts; and set -g __zklive_hosts $token
            continue
        end
        set previous $token
        if string match -q -- '-*' $token
            if contains -- $token $__zklive_value_options
                set skip 1
            else if test $token = --version; and contains -- "$__zklive_command" rm acl
                set skip 1 # a version number there; elsewhere --version is a flag
            end
            continue
        end
        if test -z "$__zklive_command"
            set -g __zklive_command $token
        else if test "$__zklive_command" = acl -a -z "$__zklive_action"
            set -g __zklive_action $token
        else
            set -ga __zklive_positionals $token
        end
    end
end

# Config files: *.ini, and directories to descend into.
function __zklive_configs
    __fish_complete_path (commandline -ct) | string match -r -- '^.*(?:/|\.ini)(?=\t|$)'
end

function __zklive_znodes -a prefix config hosts
    set -l source
    test -n "$config"; and set source $config
    test -n "$hosts"; and set -a source -H $hosts
    set -l program (commandline -opc)[1]
    $program __complete znode $source "$prefix" 2>/dev/null
end

# The positional arguments: [CONFIG], then the command's own slots. The first positional is
# CONFIG unless -H or $ZKLIVE_CONFIG name the servers and it does not end in .ini.
function __zklive_arguments
    __zklive_parse
    set -l slots
    switch "$__zklive_command"
        case write diff
            set slots file znode
        case get ls rm set
            set slots znode
        case acl
            switch "$__zklive_action"
                case get
                    set slots znode
                case set
                    set slots znode acl
                case '*'
                    return
            end
        case create-node
            set slots znode file
        case register
            set slots znode address
        case watch check-freshness
        case '*'
            return
    end
    set -l current (commandline -ct)
    set -l servers_elsewhere 0
    if test -n "$__zklive_hosts" -o -n "$ZKLIVE_CONFIG"
        set servers_elsewhere 1
    end
    set -l index (count $__zklive_positionals)
    set -l config
    if test $index -gt 0
        if string match -q -- '*.ini' $__zklive_positionals[1]; or test $servers_elsewhere -eq 0
            set config $__zklive_positionals[1]
            set index (math $index - 1)
        end
    else if test $servers_elsewhere -eq 0 -o (count $slots) -eq 0
        __zklive_configs
        return
    end
    set -l slot $slots[(math $index + 1)]
    switch "$slot"
        case znode
            if test -z "$current"; or string match -q -- '/*' $current
                __zklive_znodes "$current" "$config" "$__zklive_hosts"
            else if test -z "$config"
                __zklive_configs
            end
        case file
            __fish_complete_path $current
        case acl
            printf '%s\n' open world-read private
    end
end

function __zklive_using -a command
    __zklive_parse
    test "$__zklive_command" = $command
end

# acl get, acl set; `-a ""`: acl before its action.
function __zklive_acl_action -a action
    __zklive_parse
    test "$__zklive_command" = acl -a "$__zklive_action" = "$action"
end

complete -c zklive -f

# Before the command.
complete -c zklive -n __fish_use_subcommand -s h -l help -d 'Print help and exit'
complete -c zklive -n __fish_use_subcommand -l version -d 'Print the version and exit'
complete -c zklive -n __fish_use_subcommand -s v -l verbose -d 'More log output (-vv: debug)'
complete -c zklive -n __fish_use_subcommand -a watch -d 'Keep every configured file equal to its node'
complete -c zklive -n __fish_use_subcommand -a write -d 'Change a node: diff, then compare-and-set'
complete -c zklive -n __fish_use_subcommand -a set -d "Change keys of a node's JSON object: diff, then compare-and-set"
complete -c zklive -n __fish_use_subcommand -a diff -d 'Diff a file, or every configured file, against its node'
complete -c zklive -n __fish_use_subcommand -a get -d "Print a node's data exactly as stored"
complete -c zklive -n __fish_use_subcommand -a ls -d "List a node's children"
complete -c zklive -n __fish_use_subcommand -a create-node -d 'Create a node with a deliberate ACL'
complete -c zklive -n __fish_use_subcommand -a rm -d 'Delete a node, or a whole subtree'
complete -c zklive -n __fish_use_subcommand -a acl -d "Print or set a node's ACL"
complete -c zklive -n __fish_use_subcommand -a register -d "Keep a server's ephemeral node in a service registry"
complete -c zklive -n __fish_use_subcommand -a check-freshness -d "Nagios/Icinga plugin: are this host's files current?"
complete -c zklive -n __fish_use_subcommand -a help -d 'Show help for zklive or one command'

# Every command.
complete -c zklive -n "not __fish_use_subcommand" -s h -l help -d 'Print help and exit'
complete -c zklive -n "__zklive_using help" -a "$commands[1..-2]"
complete -c zklive -n "not __fish_use_subcommand; and not __zklive_using help" -a '(__zklive_arguments)'

# Commands that connect with -H/--timeout.
for command in write set diff get ls create-node rm register
    complete -c zklive -n "__zklive_using $command" -s H -l hosts -x -d 'ZooKeeper connect string (HOST:PORT,...[/chroot])'
    complete -c zklive -n "__zklive_using $command" -l timeout -x -d 'Seconds to wait for a connection'
end
for command in write set diff
    # -f, not -x: only --color=WHEN takes a value; a bare --color means always.
    complete -c zklive -n "__zklive_using $command" -l color -f -a 'auto always never' -d 'Colour the diff'
end

complete -c zklive -n "__zklive_using watch" -l once -d 'Sync every node once and exit'

# Commands that write a reviewed change.
for command in write set
    complete -c zklive -n "__zklive_using $command" -l dry-run -d 'Show the diff, write nothing'
    complete -c zklive -n "__zklive_using $command" -l confirm -d 'Ask on the terminal before writing'
    complete -c zklive -n "__zklive_using $command" -l no-confirm -d 'Write without asking, despite write.confirm'
    complete -c zklive -n "__zklive_using $command" -l max-bytes -x -d "The server's jute.maxbuffer"
end

complete -c zklive -n "__zklive_using write" -l json -d 'Refuse input that is not JSON'
complete -c zklive -n "__zklive_using write" -l raw -d 'Write the bytes as they are: no JSON check'

complete -c zklive -n "__zklive_using set" -l unset -x -d 'Remove KEY from the object (repeatable)'
complete -c zklive -n "__zklive_using set" -l replace -d 'The arguments make the whole object'

complete -c zklive -n "__zklive_using get" -l stat -d 'Print the metadata after the data'
complete -c zklive -n "__zklive_using get" -l json -d 'Print one JSON object'
complete -c zklive -n "__zklive_using get" -l resolve -d 'Print the object an S3 pointer names'
complete -c zklive -n "__zklive_using get" -l watch -d 'Print the data again on every change'

complete -c zklive -n "__zklive_using ls" -s R -l recursive -d 'List the whole subtree as full paths'
complete -c zklive -n "__zklive_using ls" -l json -d 'Print one JSON object'
complete -c zklive -n "__zklive_using ls" -l watch -d 'Print the children again on every change'

complete -c zklive -n "__zklive_using create-node" -s p -l parents -d 'Create missing parent nodes'
complete -c zklive -n "__zklive_using create-node" -l acl -x -a 'open world-read private' -d 'ACL of the new node'

complete -c zklive -n "__zklive_using register" -s d -l data -x -d 'A property: KEY=VALUE or KEY:=JSON'
complete -c zklive -n "__zklive_using register" -l format -x -a 'zc curator serverset' -d "The registration's format"
complete -c zklive -n "__zklive_using register" -l name -x -d "The service's name (curator)"
complete -c zklive -n "__zklive_using register" -l uri-spec -x -d "Curator's URI template"
complete -c zklive -n "__zklive_using register" -s p -l parents -d 'Create PATH and its missing parents'
complete -c zklive -n "__zklive_using register" -l all-addresses -d 'One node per non-loopback address'
complete -c zklive -n "__zklive_using register" -l drain -x -d 'Seconds between deregistering and passing SIGTERM on'
complete -c zklive -n "__zklive_using register" -l check -x -d 'A shell command that must exit 0'
complete -c zklive -n "__zklive_using register" -l check-interval -x -d 'Seconds between checks'
complete -c zklive -n "__zklive_using register" -l check-timeout -x -d 'Seconds a check may take'
complete -c zklive -n "__zklive_using register" -l rise -x -d 'Passing checks that register again'
complete -c zklive -n "__zklive_using register" -l fall -x -d 'Failing checks that deregister'
complete -c zklive -n "__zklive_using register" -l metrics-file -r -F -d 'Write Prometheus metrics to this file'

complete -c zklive -n "__zklive_using check-freshness" -s V -l version -d 'Print the version and exit'
complete -c zklive -n "__zklive_using check-freshness" -s w -l warning -x -d 'Age range in seconds for WARNING'
complete -c zklive -n "__zklive_using check-freshness" -s c -l critical -x -d 'Age range in seconds for CRITICAL'
complete -c zklive -n "__zklive_using check-freshness" -s f -l file -r -F -d 'Check this file instead (repeatable)'
complete -c zklive -n "__zklive_using check-freshness" -l missing -x -a 'critical warning ok' -d 'State of a missing file'
complete -c zklive -n "__zklive_using check-freshness" -l json -d 'Print one JSON object instead of the plugin output'
complete -c zklive -n "__zklive_using diff" -l json -d 'Print one JSON object instead of diffs'
complete -c zklive -n "__zklive_using check-freshness" -l zk -d 'Also compare recorded versions with ZooKeeper'
complete -c zklive -n "__zklive_using check-freshness" -s t -l timeout -x -d 'Seconds before giving up with UNKNOWN'

complete -c zklive -n "__zklive_using rm" -l version -x -d 'Delete only at this data version'
complete -c zklive -n "__zklive_using rm" -s r -l recursive -d 'Delete the whole subtree, leaves first'
complete -c zklive -n "__zklive_using rm" -l force -d 'Delete ephemeral nodes too'
complete -c zklive -n "__zklive_using rm" -l dry-run -d 'List what would be deleted, leaves first'

complete -c zklive -n '__zklive_acl_action ""' -a get -d "Print a node's ACL"
complete -c zklive -n '__zklive_acl_action ""' -a set -d "Replace a node's ACL"
for action in get set
    complete -c zklive -n "__zklive_acl_action $action" -s H -l hosts -x -d 'ZooKeeper connect string (HOST:PORT,...[/chroot])'
    complete -c zklive -n "__zklive_acl_action $action" -l timeout -x -d 'Seconds to wait for a connection'
end
complete -c zklive -n "__zklive_acl_action get" -l json -d 'Print one JSON object'
complete -c zklive -n "__zklive_acl_action set" -l version -x -d 'Set only at this ACL version'
complete -c zklive -n "__zklive_acl_action set" -s R -l recursive -d "Set the whole subtree's ACL"
