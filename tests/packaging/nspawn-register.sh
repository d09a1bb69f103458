# SPDX-License-Identifier: Apache-2.0
# zklive-register@.service under the real systemd: sourced by test-systemd-nspawn once the
# container runs and the package is installed (its helpers and $znodes, $zk_hosts, $root).
# The members are asked from inside, with the installed zklive.

services=$znodes/services
"$zklive" create-node -H "$zk_hosts" "$services" >/dev/null
mkdir -p "$root/etc/zklive/register"
printf 'zookeeper.hosts = %s\n' "$zk_hosts" >"$root/etc/zklive/zookeeper.ini"
# The children of the service path, on one line.
members() { in_container zklive ls /etc/zklive/zookeeper.ini "$services" | paste -sd' '; }
members_are() { [[ $(members) == "$1" ]]; }

# Beside a server: a check (one argument, spaces and all) and options (split at spaces).
cat >"$root/etc/zklive/register/web.env" <<EOF
ZKLIVE_CONFIG=/etc/zklive/zookeeper.ini
ZKLIVE_REGISTER_PATH=$services
ZKLIVE_REGISTER_ADDRESS=web1:8080
ZKLIVE_REGISTER_CHECK=test -e /etc/zklive/register/web.healthy
ZKLIVE_REGISTER_OPTIONS=--check-interval 1 --fall 1 -d role=web
EOF
touch "$root/etc/zklive/register/web.healthy"
# Type=notify: start returns once the node exists.
output=$(systemctl_in start zklive-register@web 2>&1) ||
    fail "systemctl start zklive-register@web failed: $output"$'\n'"$(journal zklive-register@web | tail -20)"
check_equal "members once start returned" web1:8080 "$(members 2>&1)"
data=$(in_container zklive get /etc/zklive/zookeeper.ini "$services/web1:8080" 2>&1)
[[ $data == *'"role": "web"'* || $data == *'"role":"web"'* ]] ||
    fail "the node lacks the property of ZKLIVE_REGISTER_OPTIONS: $data"
status=$(systemctl_in status zklive-register@web 2>&1) || true
[[ $status == *"Status: \"registered: $services/web1:8080\""* ]] ||
    fail "systemctl status of the registration shows no STATUS= line:"$'\n'"$status"
# The check runs: failing once (--fall 1) takes the node out, the unit stays up.
rm "$root/etc/zklive/register/web.healthy"
wait_until 10 members_are "" || fail "a failing check removing the node: not within 10 s"
check_equal "state with a failing check" active "$(property zklive-register@web ActiveState)"
touch "$root/etc/zklive/register/web.healthy"
wait_until 10 members_are web1:8080 || fail "a passing check bringing the node back: not within 10 s"
# Stop returns once the node is gone.
systemctl_in stop zklive-register@web
check_equal "members once stop returned" "" "$(members 2>&1)"
check_equal "state after stop" inactive "$(property zklive-register@web ActiveState)"

# Wrapping a server: KillMode=mixed gives SIGTERM to zklive alone, which deregisters and
# drains before passing it on; the server, asked on SIGTERM, sees no member left.
cat >"$root/usr/local/bin/zklive-test-server" <<'EOF'
#!/bin/sh
# A server that zklive register wraps: says how it was started, and on SIGTERM which
# members it still sees.
echo "serving $*"
trap 'echo "members at SIGTERM: [$(zklive ls "$ZKLIVE_REGISTER_PATH" | paste -sd" ")]"; exit 0' TERM
while :; do sleep 0.1; done
EOF
chmod 755 "$root/usr/local/bin/zklive-test-server"
cat >"$root/etc/zklive/register/api.env" <<EOF
ZKLIVE_CONFIG=/etc/zklive/zookeeper.ini
ZKLIVE_REGISTER_PATH=$services
ZKLIVE_REGISTER_ADDRESS=api1:9090
ZKLIVE_REGISTER_OPTIONS=--drain 1
ZKLIVE_REGISTER_COMMAND=/usr/local/bin/zklive-test-server --port 9090
EOF
output=$(systemctl_in start zklive-register@api 2>&1) ||
    fail "systemctl start zklive-register@api failed: $output"$'\n'"$(journal zklive-register@api | tail -20)"
check_equal "members with a wrapped server" api1:9090 "$(members 2>&1)"
systemctl_in stop zklive-register@api
api_log=$(journal zklive-register@api)
[[ $api_log == *"serving --port 9090"* ]] ||
    fail "the wrapped server did not get ZKLIVE_REGISTER_COMMAND's arguments:"$'\n'"$api_log"
[[ $api_log == *"members at SIGTERM: []"* ]] ||
    fail "the wrapped server got SIGTERM before zklive deregistered it:"$'\n'"$api_log"
# Only through zklive, after the drain: not from systemd at once.
passed_on=$(grep -n -m1 "passing SIGTERM on to /usr/local/bin/zklive-test-server" <<<"$api_log" | cut -d: -f1) || true
heard=$(grep -n -m1 "members at SIGTERM" <<<"$api_log" | cut -d: -f1) || true
[[ -n $passed_on && -n $heard ]] && ((passed_on < heard)) ||
    fail "the wrapped server heard SIGTERM before zklive passed it on:"$'\n'"$api_log"
check_equal "wrapped server: state, exit status after stop" "inactive 0" \
    "$(property zklive-register@api ActiveState) $(property zklive-register@api ExecMainStatus)"
