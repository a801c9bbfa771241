#!/bin/bash
# Characters whose width utf8proc and the C library disagree on (hexagrams,
# circled numbers on squares, Devanagari vowel signs, Hangul jamo) are drawn
# in exactly the columns the layout gave them: no line runs past the pane or
# wraps into the next one.  `check` warns the author about them.
. "$(dirname "$0")/lib.sh"

FIX="$BORDERLESS_SOURCE_DIR/tests/fixtures/widths"
out=$("$BORDERLESS_BIN" -C "$FIX" check 2>"$E2E_DIR/warn") || fail "check failed on the widths fixture"
[ "$out" = "1 role, 2 sections" ] || fail "check: $out"
grep -q "roles/wide.yaml:5:13: warning: 'summary' has U+4DC0" "$E2E_DIR/warn" ||
    fail "check did not warn: $(cat "$E2E_DIR/warn")"

CONTENT=$FIX
# shellcheck disable=SC2016
hexagrams=$(LC_ALL=C.UTF-8 bash -c 'for ((c = 0x4DC0; c < 0x4E00; c++)); do printf "\\U$(printf %08x $c)"; done')
[ "$(printf '%s' "$hexagrams" | wc -c)" = 192 ] || fail "cannot build the hexagrams"

# Narrow (the entry alone, full width) and wide (beside the menu).
for size in "46 130" "100 100" "31 170"; do
    set -- $size
    w=$1
    e2e_start "$w" "$2"
    e2e_wait "Wide officer"
    e2e_keys Enter
    e2e_wait "Last reviewed" "${w}: the entry did not open"
    screen=$(e2e_screen)
    # Nothing wider than the terminal, nothing wrapped into the next row:
    # the pane's first column (the margin, or the border) stays as drawn.
    [ "$(LC_ALL=C.UTF-8 wc -L <<<"$screen")" -le "$w" ] || fail "${w}: a line wider than $w"
    if [ "$w" -lt 60 ]; then
        sed -n "2,$(($2 - 1))p" <<<"$screen" | LC_ALL=C.UTF-8 grep -q '^[^ ]' && fail "${w}: text in the margin column"
    else
        # The border is in the same column on every row (the menu holds
        # no such characters; the entry's rows could push it).
        cols=$(sed -n "2,$(($2 - 1))p" <<<"$screen" |
            perl -CSD -ne 'print index($_, "\x{2502}"), "\n"' | sort -u)
        [ "$(wc -l <<<"$cols")" = 1 ] && [ "$cols" -gt 0 ] || fail "${w}: the border moved: $cols"
    fi
    # All 64 hexagrams, in order, none lost.
    got=$(perl -CSD -ne 'print join "", /[\x{4DC0}-\x{4DFF}]/g' <<<"$screen")
    [[ "$got" == *"$hexagrams"* ]] || fail "${w}: hexagrams lost or out of order: $got"
    e2e_keys q
    e2e_wait_exit 0
done
