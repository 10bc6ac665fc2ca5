#!/usr/bin/env bash
# The core and the render library use no GTK, and the command line does
# not link it: a server or a CI machine runs handshake-lab-cli without a
# display stack.  The build keeps GTK's headers away from them (meson
# gives them no GTK dependency); this checks the result.
# Usage: test-no-gtk.sh CLI ARCHIVE...
set -u
cli=${1:?usage: test-no-gtk.sh CLI ARCHIVE...}
shift
status=0

linked=$(ldd "$cli" | grep -E 'lib(gtk|gdk|adwaita)-' || true)
if [ -n "$linked" ]; then
  echo "not ok: $cli links GTK:"
  echo "$linked"
  status=1
else
  echo "ok: $cli links no GTK ($(ldd "$cli" | wc -l) libraries)"
fi

for archive in "$@"; do
  used=$(nm -u "$archive" 2>/dev/null | grep -E ' (gtk|gdk|adw)_' | sort -u || true)
  if [ -n "$used" ]; then
    echo "not ok: $archive calls GTK:"
    echo "$used" | head -20
    status=1
  else
    echo "ok: $archive calls no GTK"
  fi
done

exit "$status"
