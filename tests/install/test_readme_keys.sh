#!/usr/bin/env bash
# test_readme_keys.sh — README.md's key table is exactly what the key and
# action tables make (keymap_keys --readme): no third, stale copy.
#
# Usage (from tests/install.cmake): test_readme_keys.sh KEYMAP_KEYS
set -u
KEYMAP_KEYS=$1
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
README=$BORDERLESS_SOURCE_DIR/README.md
cmd=""

begin "README's key table is the key table"
checks=$((checks + 1))
sed -n '/^<!-- keys:/,/^<!-- end keys -->/p' "$README" | sed '1d;$d' >"$T/readme"
"$KEYMAP_KEYS" --readme >"$T/table"
if [ ! -s "$T/readme" ]; then
    fail "no <!-- keys: ... --> ... <!-- end keys --> block in README.md"
elif ! diff -u "$T/table" "$T/readme" >"$T/diff"; then
    fail "README.md's key table differs from 'keymap_keys --readme' (paste its output):
$(cat "$T/diff")"
fi

finish
