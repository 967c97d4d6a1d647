#!/bin/sh
# Fails when translations/kura_ja.ts has unfinished entries, or when lupdate over the console's
# sources finds strings that the committed .ts file does not have yet.
# Usage: check_translations.sh LUPDATE SOURCE_DIR
set -eu
lupdate=$1
src=$2
ts=$src/translations/kura_ja.ts
if grep -n 'type="unfinished"' "$ts"; then
    echo "kura_ja.ts has unfinished translations (above)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ts" "$work/kura_ja.ts"
find "$src/app/kura" "$src/widgets" "$src/models" -name '*.cpp' -o -name '*.ui' | sort > "$work/sources.lst"
"$lupdate" -no-obsolete -locations none "@$work/sources.lst" -ts "$work/kura_ja.ts" > "$work/lupdate.log" 2>&1 || {
    cat "$work/lupdate.log" >&2
    exit 1
}
if grep -n 'type="unfinished"' "$work/kura_ja.ts"; then
    echo "lupdate found strings that kura_ja.ts lacks (above); run the update_translations target and translate them" >&2
    exit 1
fi
echo "kura_ja.ts is complete"
