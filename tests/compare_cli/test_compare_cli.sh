#!/usr/bin/env bash
# test_compare_cli.sh — `borderless compare` end to end, every exit status:
# 0 (text, -d, markdown by option and by extension, --width, -o, --force,
# help), 1 (an unknown id with "did you mean", a section, an existing file
# without --force, a write error, a full standard output), 2 (too few or too
# many ids, an option of compare given to another command, bad values).
#
# Needs BORDERLESS_BIN (the built program) and BORDERLESS_SOURCE_DIR.
set -u

bin=${BORDERLESS_BIN:?BORDERLESS_BIN is not set}
src=${BORDERLESS_SOURCE_DIR:?BORDERLESS_SOURCE_DIR is not set}
content="$src/content"
tmp=$(mktemp -d /tmp/bl-compare-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

failures=0
checks=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run EXPECTED_STATUS ARGS...: runs the program (UTF-8), keeps stdout and stderr.
run() {
    local want=$1
    shift
    checks=$((checks + 1))
    LC_ALL=C.UTF-8 "$bin" -C "$content" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "borderless $* exited $got, want $want; stderr: $(cat "$tmp/err")"
        return 1
    fi
    return 0
}

has() {
    checks=$((checks + 1))
    grep -qF -- "$2" "$1" || fail "$3: '$2' not in $1: $(head -c 600 "$1")"
}
lacks() {
    checks=$((checks + 1))
    ! grep -qF -- "$2" "$1" || fail "$3: '$2' should not be in $1"
}
empty() {
    checks=$((checks + 1))
    [ ! -s "$1" ] || fail "$2: $1 is not empty: $(head -c 300 "$1")"
}
max_width() { # the widest line of file $1, in characters
    LC_ALL=C.UTF-8 wc -L <"$1"
}

cd "$tmp" || exit 1
[ -x "$bin" ] || { echo "FAIL: $bin is not built" >&2; exit 1; }

a=interpol-agent b=europol-analyst c=customs-border-officer

# ---- 0 ------------------------------------------------------------------
run 0 compare "$a" "$b" --width 80
empty err "text to stdout"
has out "A Interpol officer" "titles"
has out "≠ Employer" "a row that differs is marked"
has out "Fit profile" "the fit profile's group"
has out "▓" "fit bars"
[ "$(max_width out)" -le 80 ] || fail "a line is wider than 80: $(max_width out)"
has out "│ Both:" "shared items, side by side"

run 0 compare "$a" "$b" "$c" --width 80
has out "C  Customs and border protection officer" "three at 80: stacked"
has out "  All three:" "shared by all three"
run 0 compare "$a" "$b" "$c" --width 200
has out "│ C Customs and border protection officer" "three at 200: side by side"
[ "$(max_width out)" -le 200 ] || fail "a line is wider than 200"

# $COLUMNS when there is no terminal and no --width
COLUMNS=200 run 0 compare "$a" "$b" "$c"
has out "│ C Customs" "\$COLUMNS"

# -d: only rows that differ, and never an unmarked row
run 0 compare "$a" "$b" -d --width 80
cp out diff.txt
run 0 compare "$a" "$b" --width 80
[ "$(wc -l <diff.txt)" -lt "$(wc -l <out)" ] || fail "-d shows no fewer lines"
run 0 compare "$a" "$a" --differences --width 80
has out "No differences" "a role with itself"

# the same role in any case
run 0 compare INTERPOL-AGENT "$b" --width 80
has out "A Interpol officer" "an id in another case"

# Markdown by option and by extension; -f text wins over .md
run 0 compare "$a" "$b" -f markdown
has out "# Comparison: Interpol officer and Europol analyst" "markdown title"
has out "### Employer (differs)" "markdown row"
run 0 compare "$a" "$b" -o cmp.md
empty out "-o writes nothing to stdout"
has cmp.md "## Fit profile" "-o .md is Markdown"
run 0 compare "$a" "$b" -o cmp.txt
has cmp.txt "≠ Employer" "-o .txt is text"
run 0 compare "$a" "$b" -o t.md -f text
has t.md "≠ Employer" "-f text wins over .md"
run 0 compare "$a" "$b" -o - -f markdown
has out "# Comparison" "-o - is stdout"

# --force replaces; without it the file is kept
echo "my notes" >keep.txt
run 1 compare "$a" "$b" -o keep.txt
has err "keep.txt already exists; use --force" "refusal"
[ "$(cat keep.txt)" = "my notes" ] || fail "keep.txt changed without --force"
run 0 compare --force "$a" "$b" -o keep.txt
has keep.txt "≠ Employer" "--force replaced it"

# help
run 0 compare --help
has out "Usage: borderless compare ID ID [ID]" "compare --help"
run 0 help compare
has out "--differences" "help compare"
run 0 --help
has out "compare ID ID [ID]" "the program's help lists compare"

# ASCII in a locale that is not UTF-8
checks=$((checks + 1))
LC_ALL=C "$bin" -C "$content" compare "$a" "$b" --width 80 >ascii.txt 2>"$tmp/err" ||
    fail "LC_ALL=C compare failed"
LC_ALL=C grep -q '[^ -~]' ascii.txt && fail "non-ASCII bytes in the C locale's output"
has ascii.txt "* Employer" "ASCII gutter mark"
has ascii.txt "##" "ASCII bars"

# ---- 1 ------------------------------------------------------------------
run 1 compare "$a" europol-analist
has err "europol-analist" "the unknown id is named"
has err "europol-analyst" "did you mean"
empty out "nothing on stdout for an unknown id"
run 1 compare "$a" glossary
has err "is a section" "a section"
run 1 compare "$a" "$b" -o no/such/dir/x.txt
has err "no/such/dir/x.txt" "a write error names the path"
if [ -w /dev/full ]; then
    checks=$((checks + 1))
    "$bin" -C "$content" compare "$a" "$b" >/dev/full 2>"$tmp/err"
    [ $? -eq 1 ] || fail "a full stdout must exit 1"
    has "$tmp/err" "cannot write to standard output" "full stdout message"
fi
left=$(ls -A | grep -v -x -e out -e err -e diff.txt -e cmp.md -e cmp.txt -e t.md -e keep.txt -e ascii.txt)
[ -z "$left" ] || fail "files left behind: $left"

# ---- 2 ------------------------------------------------------------------
run 2 compare "$a"
has err "compare needs two or three role IDs" "one id"
run 2 compare
has err "compare needs two or three role IDs" "no id"
run 2 compare "$a" "$b" "$c" interpol-agent
has err "unexpected argument 'interpol-agent'" "four ids"
run 2 show "$a" -d
has err "option -d is only for compare" "-d elsewhere"
run 2 show "$a" --differences
has err "option --differences is only for compare" "--differences elsewhere"
run 2 compare "$a" "$b" -f pdf
has err "unknown format 'pdf'" "a bad format"
run 2 compare "$a" "$b" --width 5
has err "bad width '5'" "a bad width"
run 2 compare "$a" "$b" --tsv
has err "option --tsv is only for search" "another command's option"
empty out "usage errors print nothing on stdout"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
