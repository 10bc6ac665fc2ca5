#!/usr/bin/env bash
# Installs the build into a scratch DESTDIR, as a packager does, and checks
# what a desktop needs: every file in its place, no path into the build or
# source tree left in any installed file (a binary that still reads from
# the build tree works here and nowhere else), and the installed programs
# run from there.
# Usage: test-install.sh BUILD-ROOT SOURCE-ROOT BINDIR DATADIR LOCALEDIR
# (the last three absolute, the prefix included, as meson install uses them)
set -u
if [ $# -ne 5 ]; then
  echo "usage: test-install.sh BUILD-ROOT SOURCE-ROOT BINDIR DATADIR LOCALEDIR" >&2
  exit 2
fi
build=$1 source=$2 bindir=$3 datadir=$4 localedir=$5
app_id=org.handshakelab.HandshakeLab

dest=$(mktemp -d "${TMPDIR:-/tmp}/hl-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT

failed=0
ok() { echo "ok: $*"; }
not_ok() { echo "not ok: $*"; failed=1; }

if ! meson install -C "$build" --destdir "$dest" --no-rebuild --quiet; then
  echo "not ok: meson install --destdir failed"
  exit 1
fi

expected=(
  "$bindir/handshake-lab"
  "$bindir/handshake-lab-cli"
  "$datadir/applications/$app_id.desktop"
  "$datadir/metainfo/$app_id.metainfo.xml"
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
)
# One catalog for each language po/LINGUAS lists (several to a line, #
# comments), as i18n.gettext reads it.
for lang in $(sed -e 's/#.*//' "$source/po/LINGUAS"); do
  expected+=("$localedir/$lang/LC_MESSAGES/handshake-lab.mo")
done

for file in "${expected[@]}"; do
  if [ -f "$dest$file" ]; then
    ok "installed $file"
  else
    not_ok "$file was not installed"
  fi
done
for program in handshake-lab handshake-lab-cli; do
  [ -x "$dest$bindir/$program" ] || not_ok "$bindir/$program is not executable"
done

# Both trees by the names meson gave and by their real paths.
roots=("$build" "$source")
for root in "$build" "$source"; do
  real=$(realpath "$root")
  [ "$real" = "$root" ] || roots+=("$real")
done
leaks=0
while IFS= read -r -d '' file; do
  for root in "${roots[@]}"; do
    count=$(grep -c -a -F -- "$root" "$file")
    if [ "$count" -gt 0 ]; then
      not_ok "${file#"$dest"} names $root ($count lines)"
      leaks=1
    fi
  done
done < <(find "$dest" -type f -print0)
[ "$leaks" -ne 0 ] || ok "no installed file names the build or the source tree"

# meson install skips the post-install steps under DESTDIR: compile the
# installed schema here, as the real install would.
schemas=$dest$datadir/glib-2.0/schemas
if glib-compile-schemas --strict "$schemas"; then
  value=$(gsettings --schemadir "$schemas" get "$app_id" last-scenario 2>&1)
  if [ "$value" = "'rsa-basic'" ]; then
    ok "the installed schema compiles and $app_id last-scenario is 'rsa-basic'"
  else
    not_ok "gsettings get $app_id last-scenario: $value"
  fi
else
  not_ok "the installed schema does not compile"
fi

# Run the installed programs away from both trees, without the test
# environment that points into them.
run_installed() {
  (cd / && env -u G_TEST_SRCDIR -u G_TEST_BUILDDIR -u HL_CLI -u HANDSHAKE_LAB_LOCALEDIR \
     GSETTINGS_SCHEMA_DIR="$schemas" "$@")
}

if list=$(run_installed "$dest$bindir/handshake-lab-cli" list 2>&1); then
  if grep -q '^rsa-basic[[:space:]]' <<<"$list"; then
    ok "the installed handshake-lab-cli lists rsa-basic"
  else
    not_ok "the installed handshake-lab-cli list does not name rsa-basic:"
    echo "$list"
  fi
else
  not_ok "the installed handshake-lab-cli list failed:"
  echo "$list"
fi

if help=$(run_installed "$dest$bindir/handshake-lab" --help 2>&1) &&
   grep -q -- '--scenario' <<<"$help"; then
  ok "the installed handshake-lab starts (--help)"
else
  not_ok "the installed handshake-lab --help failed:"
  echo "$help"
fi

# The installed catalogs work: the German one, from the DESTDIR (the
# programs look in the prefix's locale directory, which HANDSHAKE_LAB_LOCALEDIR
# stands in for until the files are really there).
if grep -qx de "$source/po/LINGUAS"; then
  if german=$(run_installed env HANDSHAKE_LAB_LOCALEDIR="$dest$localedir" LANGUAGE=de LC_ALL=C.UTF-8 \
                "$dest$bindir/handshake-lab-cli" run expired 2>&1) &&
     grep -q '^Ergebnis: fehlgeschlagen' <<<"$german"; then
    ok "the installed German catalog translates the CLI"
  else
    not_ok "the installed German catalog does not translate the CLI:"
    head -5 <<<"$german"
  fi
fi

exit "$failed"
