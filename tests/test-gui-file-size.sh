#!/usr/bin/env bash
# Under a file size limit (ulimit -f) the window reports the file it could
# not write and exits with an error; the kernel's SIGXFSZ does not kill it.
# Runs on the display the gui suite runs on.
set -u

app=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Without the limit the same screenshot is written, and is larger than it:
# the limited run below does reach the limit.
if ! "$app" --scenario rsa-basic --size 1280x720 --screenshot "$dir/free.png" >/dev/null 2>"$dir/err"; then
  echo "the screenshot without a limit failed:" >&2
  cat "$dir/err" >&2
  exit 1
fi
size=$(stat -c %s "$dir/free.png")
if [ "$size" -le 4096 ]; then
  echo "the screenshot is only $size bytes: a 4096-byte limit proves nothing" >&2
  exit 1
fi

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
