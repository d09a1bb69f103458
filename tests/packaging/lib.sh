# SPDX-License-Identifier: Apache-2.0
# Shared by the ecosystem and packaging tests (sourced, not run). tests/packaging/CMakeLists.txt
# sets ZKLIVE_BINARY, ZKLIVE_SOURCE_DIR and ZKLIVE_BUILD_DIR.
set -euo pipefail

: "${ZKLIVE_BINARY:?set by ctest}" "${ZKLIVE_SOURCE_DIR:?set by ctest}" "${ZKLIVE_BUILD_DIR:?set by ctest}"
readonly zklive=$ZKLIVE_BINARY source_dir=$ZKLIVE_SOURCE_DIR build_dir=$ZKLIVE_BUILD_DIR
readonly test_name=${0##*/}

# Records a failure and goes on, so that one run shows every problem. A file, not a variable:
# fail may be called in a subshell.
fail() {
    echo "FAIL: $*" >&2
    echo x >>"$work/failures"
}
# Ends the test: non-zero when anything failed.
finish() {
    if [[ -s $work/failures ]]; then
        echo "$test_name: $(wc -l <"$work/failures") failure(s)" >&2
        exit 1
    fi
    echo "$test_name: ok"
}
# check_equal WHAT EXPECTED ACTUAL
check_equal() {
    [[ $2 == "$3" ]] || fail "$1: expected [$2], got [$3]"
}
# Tools the test needs; scripts/install-deps installs them. Missing ones fail, never skip.
require() {
    local tool
    for tool; do
        command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (run scripts/install-deps)" >&2; exit 1; }
    done
}

# Runs a command as root: directly, or through sudo without a password; fails otherwise.
as_root() {
    if (($(id -u) == 0)); then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        echo "FAIL: $test_name needs root (or sudo without a password) for: $*" >&2
        exit 1
    fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/zklive-$test_name.XXXXXX")
cleanups=("rm -rf '$work'")
on_exit() {
    local i
    for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" || true; done
}
trap on_exit EXIT

# The commands in `zklive --help`, help excluded.
commands() {
    "$zklive" --help | awk '/^Subcommands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && NF { print $1 }' |
        grep -vx help
}

# The options of `zklive [COMMAND] --help` as it prints them, one per line in its first column
# ("-H, --hosts HOSTS"), sorted.
help_option_entries() {
    "$zklive" "$@" --help |
        awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  -/' |
        sed -E 's/^ +//; s/  .*//; s/ +$//; s/,/, /g' | sort
}

# The option names alone ("-H", "--hosts"), one per line, sorted; "--color[=WHEN]" is --color.
help_option_names() {
    help_option_entries "$@" | sed -E 's/\[=.*//; s/ [A-Z].*//; s/, /\n/g' | sort
}

# Sets libdir (under the prefix), version and soname_version (libzklive.so.SONAME_VERSION) of
# the C++ library as the build installs it.
library_layout() {
    libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build_dir/CMakeCache.txt")
    version=$("$zklive" --version | sed 's/^zklive //')
    soname_version=${version%.*} # major.minor while the major is 0
}

# The files of the C++ library under the prefix, one "MODE PATH" a line (symlinks: 777),
# except zkliveTargets-CONFIG.cmake, named after the build type.
library_files() {
    library_layout
    local file header
    for file in "644 libzklive.so.$version" "777 libzklive.so.$soname_version" "777 libzklive.so" \
        "644 libzklive.a" "644 pkgconfig/zklive.pc" "644 cmake/zklive/zkliveConfig.cmake" \
        "644 cmake/zklive/zkliveConfigVersion.cmake" "644 cmake/zklive/zkliveTargets.cmake"; do
        echo "${file% *} usr/$libdir/${file#* }"
    done
    for header in "$source_dir"/lib/include/zklive/*.hpp; do
        echo "644 usr/include/zklive/${header##*/}"
    done
}

# Builds the Debian package with CPack into $work/package and sets deb to its path; a failure
# ends the test.
build_deb() {
    cpack --config "$build_dir/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 ||
        { fail "cpack failed:"$'\n'"$(tail -20 "$work/cpack.log")"; finish; }
    local debs=("$work"/package/zklive_*.deb)
    ((${#debs[@]} == 1)) && [[ -f ${debs[0]} ]] || { fail "cpack made no single zklive_*.deb"; finish; }
    deb=${debs[0]}
}

# Sets zk_hosts to a ZooKeeper to talk to: scripts/test's ($ZKLIVE_TEST_ZK), or one started
# for this test and stopped at exit.
use_zookeeper() {
    if [[ -n ${ZKLIVE_TEST_ZK:-} ]]; then
        zk_hosts=$ZKLIVE_TEST_ZK
        return
    fi
    cleanups+=("'$source_dir/tests/support/zk-server' stop '$work/zk' >/dev/null 2>&1")
    zk_hosts=$("$source_dir/tests/support/zk-server" start "$work/zk")
}

# A fresh, empty znode for this test below /zklive-test (the test server is thrown away whole).
make_znode_root() {
    local root=/zklive-test/$test_name-$$-$RANDOM
    "$zklive" create-node -H "$1" -p "$root" >/dev/null
    echo "$root"
}
