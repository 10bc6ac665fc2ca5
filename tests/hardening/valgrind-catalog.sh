#!/usr/bin/env bash
# Runs the CLI over every built-in scenario under valgrind's memcheck:
# no invalid read or write, no use of uninitialized memory, nothing
# definitely lost.  Usage: valgrind-catalog.sh PATH-TO-handshake-lab-cli
set -u
cli=$1
failed=0
for id in $("$cli" list | cut -d' ' -f1); do
  valgrind --quiet --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite --show-leak-kinds=definite \
           "$cli" run "$id" >/dev/null 2>"$TMPDIR_VG/$id.log"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "not ok: $id (exit status $status)"
    cat "$TMPDIR_VG/$id.log"
    failed=1
  else
    echo "ok: $id"
  fi
done
exit "$failed"
