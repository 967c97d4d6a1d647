#!/bin/sh
# Checks the systemd units of packaging/systemd with `systemd-analyze verify`, offline: in a
# scratch root that holds the system's own units (for sysinit.target and friends), the two
# programs at the paths the units name, the units, and the confined drop-in of the agent;
# and that sysusers.d/kura.conf makes the kura user.
# `verify` exits 0 even for a misspelt setting and only prints a warning, so any output
# counts as a failure. Then `systemd-analyze security` rates each unit's exposure (0 to 10,
# lower is better), so that hardening removed by mistake fails too: kura-server must stay at
# 2.0 or below (it rates 1.7 with systemd 252), kura-agent, which runs as root and may write
# anywhere for restores, at 7.0 or below (6.5).
#
#   packaging/check-units.sh KURA_SERVER_BINARY KURA_AGENT_BINARY
set -eu
if [ $# -ne 2 ]; then
    echo "usage: $0 KURA_SERVER_BINARY KURA_AGENT_BINARY" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
system_units=/usr/lib/systemd/system
[ -d "$system_units" ] || system_units=/lib/systemd/system
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/usr/bin" "$root/usr/lib/systemd" "$root/etc/systemd/system/kura-agent.service.d"
cp -R "$system_units" "$root/usr/lib/systemd/system"
cp "$1" "$root/usr/bin/kura-server"
cp "$2" "$root/usr/bin/kura-agent"
cp "$here/systemd/kura-server.service" "$here/systemd/kura-agent.service" "$root/etc/systemd/system/"

check() {
    if ! output=$(systemd-analyze verify --root="$root" "$@" 2>&1) || [ -n "$output" ]; then
        echo "systemd-analyze verify $*: FAILED" >&2
        echo "$output" >&2
        exit 1
    fi
    echo "systemd-analyze verify $*: ok"
}
check kura-server.service kura-agent.service

exposure() { # unit, highest allowed exposure times 10
    if ! output=$(systemd-analyze security --offline=yes --root="$root" --threshold="$2" --no-pager "$1" 2>&1); then
        echo "systemd-analyze security $1: exposure above $2/10" >&2
        echo "$output" | tail -n 40 >&2
        exit 1
    fi
    echo "systemd-analyze security $1: $(echo "$output" | grep 'Overall exposure' | sed 's/.*: //')"
}
exposure kura-server.service 20
exposure kura-agent.service 70
cp "$here/systemd/kura-agent-confined.conf" "$root/etc/systemd/system/kura-agent.service.d/confined.conf"
check kura-agent.service

# The system user the server's unit runs as, made from the sysusers.d file.
touch "$root/etc/passwd" "$root/etc/group"
systemd-sysusers --root="$root" "$here/sysusers.d/kura.conf" >/dev/null 2>&1 || true
if ! grep -q '^kura:x:[0-9]*:[0-9]*:Kura backup server:/var/lib/kura:' "$root/etc/passwd"; then
    echo "systemd-sysusers made no kura user from sysusers.d/kura.conf" >&2
    exit 1
fi
echo "systemd-sysusers sysusers.d/kura.conf: ok"
