#!/usr/bin/env bash
# test_manpage.sh — doc/borderless.1 renders without a warning, has every
# section a Unix user expects, names the project's version, documents every
# command and option of `--help`, and lists exactly the keys of the guide's
# key table (src/tui/keymap.c), under the help overlay's headings.
#
# Usage (from tests/install.cmake): test_manpage.sh VERSION KEYMAP_KEYS
# where KEYMAP_KEYS is the program that prints the key table.
set -u
VERSION=$1 KEYMAP_KEYS=$2
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PAGE=$BORDERLESS_SOURCE_DIR/doc/borderless.1
cmd=""

begin "the page exists"
expect_file "$PAGE"
[ -f "$PAGE" ] || { finish; exit; }

if command -v groff >/dev/null; then
    begin "groff -man -ww -z: no warnings"
    cmd="groff -man -ww -z $PAGE"
    groff -man -ww -z "$PAGE" >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc 0
    expect_empty "$T/err"
fi

# The rendered page, as a reader sees it; options must be written \- so that
# they render as ASCII hyphens a reader can copy.
if command -v man >/dev/null; then
    begin "man --warnings -l: no warnings"
    cmd="MANWIDTH=80 man --warnings -E UTF-8 -l $PAGE"
    MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc 0
    expect_empty "$T/err"
    cp "$T/out" "$T/page"
else
    begin "man is installed"
    checks=$((checks + 1))
    fail "man not found: install man-db (and groff-base)"
    finish
    exit
fi
cmd=""

begin "every section"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS KEYS FILES ENVIRONMENT \
    "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    checks=$((checks + 1))
    grep -q "^\.SH \"\?$s\"\?\$" "$PAGE" || fail "no section $s"
done

begin "the version in .TH is the project's"
checks=$((checks + 1))
grep -q "^\.TH BORDERLESS 1 [0-9-]* \"borderless $VERSION\"" "$PAGE" ||
    fail "expected .TH BORDERLESS 1 DATE \"borderless $VERSION\" (bump it with the project)"

# has WORD — WORD appears in the rendered page, not inside a longer word.
has() { grep -q -e "\(^\|[^[:alnum:]-]\)$1\([^[:alnum:]-]\|\$\)" "$T/page"; }

begin "every command and option of --help, and of each command's --help"
"$BORDERLESS_BIN" --help >"$T/help" 2>&1
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\).*/\1/p' "$T/help")
for c in $commands; do
    checks=$((checks + 1))
    "$BORDERLESS_BIN" "$c" --help >>"$T/help" 2>&1 || fail "'$c --help' failed"
done
checks=$((checks + 1))
[ "$(echo "$commands" | wc -w)" -ge 5 ] || fail "found only '$commands' in --help"
for c in $commands; do
    checks=$((checks + 1))
    sed -n '/^COMMANDS/,/^OPTIONS/p' "$T/page" | grep -q "^       $c\b" ||
        fail "command '$c' has no entry under COMMANDS"
done
options=$(grep -o -e '\(^\|[][ ,|]\)--\?[A-Za-z][A-Za-z-]*' "$T/help" |
    sed 's/^[][ ,|]//' | sort -u)
checks=$((checks + 1))
[ "$(echo "$options" | wc -w)" -ge 8 ] || fail "found only '$options' in --help"
for o in $options; do
    checks=$((checks + 1))
    has "$o" || fail "option '$o' does not appear in the page"
done

begin "ENVIRONMENT and EXIT STATUS"
for v in BORDERLESS_CONTENT BORDERLESS_THEME COLUMNS NO_COLOR TERM LANG LC_ALL; do
    checks=$((checks + 1))
    sed -n '/^ENVIRONMENT/,/^EXIT STATUS/p' "$T/page" | grep -q "\b$v\b" ||
        fail "$v is not under ENVIRONMENT"
done
for s in 0 1 2; do
    checks=$((checks + 1))
    sed -n '/^EXIT STATUS/,/^EXAMPLES/p' "$T/page" | grep -q "^       $s\b" ||
        fail "exit status $s has no entry"
done

# The KEYS section's keys: under each .SS heading, the bold words of each
# .TP tag (".B key" or ".BR key1 \", \" key2 ...").
begin "KEYS lists exactly the keys of the key table"
awk '
    /^\.SH/ { inkeys = ($2 == "KEYS"); next }
    !inkeys { next }
    /^\.SS / { sub(/^\.SS +/, ""); gsub(/"/, ""); ctx = $0; next }
    /^\.TP/ { tag = 1; next }
    tag {
        tag = 0
        line = $0
        gsub(/\\-/, "-", line)
        if (line ~ /^\.BR /) {
            sub(/^\.BR +/, "", line)
            n = split(line, keys, /" *, *" */)
        } else if (line ~ /^\.B /) {
            sub(/^\.B +/, "", line)
            n = 1; keys[1] = line
        } else {
            print "unparsed tag: " line > "/dev/stderr"
            next
        }
        for (i = 1; i <= n; i++) { gsub(/^ +| +$/, "", keys[i]); print ctx "\t" keys[i] }
    }' "$PAGE" 2>"$T/err" | sort -u >"$T/man-keys"
checks=$((checks + 1))
[ ! -s "$T/err" ] || fail "the KEYS section has a tag the test cannot read: $(cat "$T/err")"
checks=$((checks + 1))
if "$KEYMAP_KEYS" | sort -u >"$T/table-keys" && [ -s "$T/table-keys" ]; then
    comm -23 "$T/table-keys" "$T/man-keys" >"$T/missing"
    comm -13 "$T/table-keys" "$T/man-keys" >"$T/extra"
    [ ! -s "$T/missing" ] || fail "keys of the table missing from the page (heading<TAB>key):
$(sed 's/^/    /' "$T/missing")"
    checks=$((checks + 1))
    [ ! -s "$T/extra" ] || fail "keys in the page that the table does not have:
$(sed 's/^/    /' "$T/extra")"
else
    fail "$KEYMAP_KEYS printed no keys"
fi

finish
