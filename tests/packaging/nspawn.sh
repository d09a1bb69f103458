# SPDX-License-Identifier: Apache-2.0
# A real systemd to test units under (sourced after lib.sh, as root): a minimal Debian bookworm
# booted with systemd-nspawn. Its root is made once with debootstrap and kept as a tarball in
# the build tree; each test boots a fresh copy, so that no state leaks from one run to the next.
#
#   extract_root DIR     a fresh copy of the cached root (made first if needed) in DIR
#   boot_container DIR   boots it, waits for multi-user, registers its power-off as a cleanup
#   in_container CMD...  runs CMD inside, as root, with a bounded time
#   stop_container       powers it off (killed after a timeout); idempotent

readonly nspawn_suite=bookworm
readonly nspawn_mirror=${ZKLIVE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly nspawn_path=/usr/sbin:/usr/bin:/sbin:/bin

# Runs debootstrap into DIR and prepares the root for booting: apt's lists (packages install
# without an update) and no machine id (each copy gets its own).
make_root() {
    local dir=$1
    echo "$test_name: making a $nspawn_suite root for systemd-nspawn (once, cached in ${nspawn_cache%/*})" >&2
    # debootstrap mounts /proc and /sys inside while it works; a failure may leave them.
    cleanups+=("umount -R '$dir/proc' '$dir/sys' 2>/dev/null")
    debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus \
        "$nspawn_suite" "$dir" "$nspawn_mirror" >"$work/debootstrap.log" 2>&1 ||
        { fail "debootstrap failed:"$'\n'"$(tail -20 "$work/debootstrap.log")"; finish; }
    cat >"$dir/etc/apt/sources.list" <<EOF
deb $nspawn_mirror $nspawn_suite main
deb $nspawn_mirror $nspawn_suite-updates main
deb http://deb.debian.org/debian-security $nspawn_suite-security main
EOF
    chroot "$dir" env -i PATH=$nspawn_path apt-get update -qq >"$work/apt-update.log" 2>&1 ||
        { fail "apt-get update in the new root failed:"$'\n'"$(tail -20 "$work/apt-update.log")"; finish; }
    chroot "$dir" apt-get clean
    rm -f "$dir/etc/machine-id" "$dir/var/lib/dbus/machine-id"
}

# Sets nspawn_cache to the cached root, made first if needed, under a lock so that parallel
# runs make it once. Its name says how it was made: a change to make_root makes a new one.
cached_root() {
    local key
    key=$({ declare -f make_root; echo "$nspawn_suite $nspawn_mirror"; } | sha1sum | cut -c1-12)
    nspawn_cache=$build_dir/nspawn/$nspawn_suite-systemd-$key.tar
    mkdir -p "${nspawn_cache%/*}"
    exec {lock}>"$build_dir/nspawn/lock"
    flock "$lock"
    if [[ ! -f $nspawn_cache ]]; then
        rm -f "$build_dir/nspawn/$nspawn_suite"-systemd-*.tar
        local dir=$work/root-in-the-making
        make_root "$dir"
        tar -C "$dir" --numeric-owner -cf "$nspawn_cache.tmp" . &&
            mv "$nspawn_cache.tmp" "$nspawn_cache"
        rm -rf "$dir"
    fi
    exec {lock}>&-
}

extract_root() {
    local dir=$1
    cached_root
    mkdir -p "$dir"
    cleanups+=("rm -rf '$dir'")
    tar -C "$dir" --numeric-owner -xpf "$nspawn_cache"
    systemd-machine-id-setup --root "$dir" >/dev/null 2>&1
}

# The host PID of the container's PID 1: a process whose last NSpid is 1, below nspawn.
container_init_pid() {
    local nspawn=$1 status pid
    for status in /proc/[0-9]*/status; do
        pid=${status#/proc/}
        pid=${pid%/status}
        [[ $(awk '$1 == "NSpid:" { print $NF }' "$status" 2>/dev/null) == 1 ]] || continue
        [[ $(awk '$1 == "PPid:" { print $2 }' "$status" 2>/dev/null) == "$nspawn" ]] || continue
        echo "$pid"
        return
    done
}

boot_container() {
    local dir=$1
    nspawn_machine=zklive-test-$$-$RANDOM
    systemd-nspawn -q -b -D "$dir" --register=no --keep-unit --machine="$nspawn_machine" \
        --console=read-only </dev/null >"$work/console.log" 2>&1 &
    nspawn_pid=$!
    cleanups+=(stop_container)
    init_pid=
    local deadline=$((SECONDS + 10))
    while [[ -z $init_pid ]] && ((SECONDS < deadline)); do
        sleep 0.1
        init_pid=$(container_init_pid "$nspawn_pid")
    done
    [[ -n $init_pid ]] ||
        { fail "systemd-nspawn started no PID 1:"$'\n'"$(tail -20 "$work/console.log")"; finish; }
    # Until its bus is up, systemctl cannot even ask.
    local state=
    deadline=$((SECONDS + 60))
    until [[ $state == running || $state == degraded ]] || ((SECONDS >= deadline)); do
        state=$(in_container systemctl is-system-running --wait 2>&1) || sleep 0.2
    done
    [[ $state == running || $state == degraded ]] ||
        { fail "the container did not boot (state: $state):"$'\n'"$(tail -20 "$work/console.log")"; finish; }
}

# At most two minutes for any command: a hung one fails the test instead of blocking it.
in_container() {
    timeout 120 nsenter -t "$init_pid" -a -- env -i PATH=$nspawn_path LC_ALL=C.UTF-8 "$@"
}

# Whether nspawn still runs (a zombie waiting to be reaped does not).
nspawn_running() {
    [[ -r /proc/$nspawn_pid/stat ]] && [[ $(awk '{ print $3 }' "/proc/$nspawn_pid/stat" 2>/dev/null) != Z ]]
}

stop_container() {
    [[ -n ${nspawn_pid:-} ]] || return 0
    if nspawn_running; then
        # SIGRTMIN+4 is systemd's own power-off, for when systemctl cannot reach it.
        in_container systemctl poweroff >/dev/null 2>&1 || kill -s SIGRTMIN+4 "$init_pid" 2>/dev/null
        local deadline=$((SECONDS + 30))
        while nspawn_running && ((SECONDS < deadline)); do
            sleep 0.1
        done
        if nspawn_running; then
            echo "$test_name: the container did not power off in 30 s; killing it" >&2
            # Killing its PID 1 ends every process in the container's PID namespace.
            [[ -n ${init_pid:-} ]] && kill -KILL "$init_pid" 2>/dev/null
            kill -KILL "$nspawn_pid" 2>/dev/null
        fi
    fi
    wait "$nspawn_pid" 2>/dev/null || true
    nspawn_pid=
}
