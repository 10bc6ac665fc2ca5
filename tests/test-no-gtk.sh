#!/usr/bin/env bash
# The core and the render library use no GTK, and the command line does
# not link it: a server or a CI machine runs handshake-lab-cli without a
# display stack.  The build keeps GTK's headers away from them (meson
# gives them no GTK dependency); this checks the result, three ways: no
# source of theirs includes a GTK, GDK or libadwaita header, none is
# compiled with GTK's include path, and the binaries neither link nor
# call GTK.
# Usage: test-no-gtk.sh SOURCE_ROOT BUILD_ROOT CLI ARCHIVE...
set -u
src=${1:?usage: test-no-gtk.sh SOURCE_ROOT BUILD_ROOT CLI ARCHIVE...}
build=${2:?usage: test-no-gtk.sh SOURCE_ROOT BUILD_ROOT CLI ARCHIVE...}
cli=${3:?usage: test-no-gtk.sh SOURCE_ROOT BUILD_ROOT CLI ARCHIVE...}
shift 3
status=0
layers=(src/core src/render src/cli)

included=$(cd "$src" && grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|adw)[/.-]' \
             "${layers[@]}" --include='*.c' --include='*.h' || true)
if [ -n "$included" ]; then
  echo "not ok: GTK headers included below the GUI:"
  echo "$included"
  status=1
else
  echo "ok: ${layers[*]} include no GTK header"
fi

flagged=$(python3 - "$build/compile_commands.json" "${layers[@]}" <<'PY'
import json, sys
commands = json.load(open(sys.argv[1]))
layers = tuple(layer + "/" for layer in sys.argv[2:])
for c in commands:
    source = c["file"].replace("../", "", 1) if c["file"].startswith("../") else c["file"]
    if any(layer in source for layer in layers) and any(g in c["command"] for g in ("gtk-4.0", "libadwaita-1")):
        print(c["file"])
PY
)
if [ -n "$flagged" ]; then
  echo "not ok: compiled with GTK's include path:"
  echo "$flagged"
  status=1
else
  echo "ok: ${layers[*]} are compiled without GTK's include path"
fi

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
