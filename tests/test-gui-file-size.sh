#!/usr/bin/env bash
# Under a file size limit (ulimit -f) the window reports the file it could
# not write and exits with an error; the kernel's SIGXFSZ does not kill it.
# Runs on the display the gui suite runs on.
set -u

app=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

prlimit --fsize=4096 "$app" --scenario rsa-basic --size 1280x720 --screenshot "$dir/shot.png" \
  >"$dir/out" 2>"$dir/err"
status=$?

if [ "$status" -ge 128 ]; then
  echo "killed by signal $((status - 128)) instead of reporting the error" >&2
  exit 1
fi
if [ "$status" -eq 0 ]; then
  echo "exit status 0 for a screenshot that cannot be written" >&2
  exit 1
fi
if ! grep -q "shot.png" "$dir/err"; then
  echo "the error does not name the file:" >&2
  cat "$dir/err" >&2
  exit 1
fi
echo "exit status $status: $(head -1 "$dir/err")"
