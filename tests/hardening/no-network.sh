#!/usr/bin/env bash
# The simulator talks to nobody: the CLI, run over every built-in scenario
# under strace, must create no socket at all.
# Usage: no-network.sh PATH-TO-handshake-lab-cli
set -u
cli=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
for id in $("$cli" list | cut -d' ' -f1); do
  strace -f -qq -e trace=network -o "$log" "$cli" run "$id" >/dev/null 2>&1
  if grep -qE '^[0-9]+ +(socket|socketpair|connect|bind|sendto|sendmsg)\(' "$log" || grep -qE '^(socket|connect|bind)\(' "$log"; then
    echo "not ok: $id opened a socket:"
    cat "$log"
    failed=1
  else
    echo "ok: $id: no network system call"
  fi
done
exit "$failed"
