#!/usr/bin/env bash
# The translations are in step with the sources:
#  * every source file with a translatable string is in po/POTFILES.in, and
#    every file listed there exists;
#  * a template made afresh from the sources (with the keywords of meson's
#    glib preset, as `meson compile handshake-lab-pot` does) is complete in
#    every language of po/LINGUAS: no message missing, untranslated or
#    fuzzy, and every format string matches its original.
# Usage: test-i18n.sh SOURCE-ROOT
set -u
root=${1:?usage: test-i18n.sh SOURCE-ROOT}
cd "$root" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

listed=$(grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sort)

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "not ok: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

# C files that call a gettext function, templates with translatable texts.
candidates=$( { grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dgettext|g_dpgettext2)[[:space:]]*\(' \
                  --include='*.c' src
                grep -rl 'translatable="yes"' --include='*.ui' ui; } | sort -u)
for f in $candidates; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "not ok: $f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

# An error message reaches the user: its format must be translatable
# (a literal format other than "%s" must be inside _()).
if ! python3 - src <<'PY'
import re, sys, pathlib
call = re.compile(r'\b(g_set_error|g_set_error_literal|g_prefix_error|g_error_new)\s*\(')
args_before = {'g_set_error': 3, 'g_set_error_literal': 3, 'g_prefix_error': 1, 'g_error_new': 2}
bad = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.c')):
    text = path.read_text()
    for m in call.finditer(text):
        i, depth, commas = m.end(), 0, 0
        while commas < args_before[m.group(1)] and i < len(text):
            c = text[i]
            if c == '"':
                i = re.compile(r'"(?:[^"\\]|\\.)*"').match(text, i).end()
                continue
            depth += c in '([' and 1 or c in ')]' and -1 or 0
            commas += c == ',' and depth == 0
            i += 1
        rest = text[i:].lstrip()
        # "%s" passes another message on: nothing to translate.
        if rest.startswith('"') and not rest.startswith('"%s",'):
            print(f"not ok: {path}:{text.count(chr(10), 0, m.start()) + 1}: "
                  f"{m.group(1)} with an untranslated message: wrap it in _()")
            bad += 1
sys.exit(1 if bad else 0)
PY
then
  status=1
fi

if ! xgettext --files-from=po/POTFILES.in --directory=. --output="$work/fresh.pot" \
       --from-code=UTF-8 --add-comments --package-name=handshake-lab \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --flag=g_print:1:c-format --flag=g_printerr:1:c-format 2>"$work/xgettext.err"; then
  echo "not ok: xgettext failed:"
  cat "$work/xgettext.err"
  exit 1
fi
if [ -s "$work/xgettext.err" ]; then
  echo "not ok: xgettext warns:"
  cat "$work/xgettext.err"
  status=1
fi
echo "# $(grep -c '^msgid ' "$work/fresh.pot") messages in the template"

for lang in $(grep -v '^[[:space:]]*\(#\|$\)' po/LINGUAS); do
  po=po/$lang.po
  if ! msgcmp "$po" "$work/fresh.pot" 2>"$work/msgcmp.err"; then
    echo "not ok: $po lacks messages of the sources (update it with msgmerge):"
    head -20 "$work/msgcmp.err"
    status=1
  fi
  if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$work/msgfmt.out"; then
    echo "not ok: msgfmt --check rejects $po:"
    cat "$work/msgfmt.out"
    status=1
  elif grep -qE 'untranslated|fuzzy' "$work/msgfmt.out"; then
    echo "not ok: $po is incomplete: $(cat "$work/msgfmt.out")"
    status=1
  else
    echo "ok: $po: $(cat "$work/msgfmt.out")"
  fi
done

[ "$status" -eq 0 ] && echo "ok: po/ is in step with the sources"
exit "$status"
