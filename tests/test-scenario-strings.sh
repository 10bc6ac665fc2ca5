#!/usr/bin/env bash
# po/scenario-strings.h is generated from data/scenarios/*.scenario and
# committed, so that xgettext sees the lesson texts.  A lesson whose text
# changed without the file being made again would reach translators late or
# not at all: generate it afresh and compare.
# Usage: test-scenario-strings.sh SOURCE-ROOT
set -u
root=${1:?usage: test-scenario-strings.sh SOURCE-ROOT}
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT

if ! python3 "$root/build-aux/extract-scenario-strings" \
       --scenarios "$root/data/scenarios" -o "$fresh"; then
  echo "not ok: build-aux/extract-scenario-strings failed"
  exit 1
fi

if ! diff -u "$root/po/scenario-strings.h" "$fresh"; then
  echo "not ok: po/scenario-strings.h is out of date with data/scenarios:" \
       "run build-aux/extract-scenario-strings and commit the result"
  exit 1
fi

echo "ok: po/scenario-strings.h matches data/scenarios"
