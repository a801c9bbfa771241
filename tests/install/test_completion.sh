#!/usr/bin/env bash
# test_completion.sh — completion/borderless.bash, sourced into a plain bash
# (no bash-completion package): commands, options, ids after `show` and
# `summary` (from the program named by the command word, with the -C DIR or
# $BORDERLESS_CONTENT it would read), summary's options and formats, and file
# and folder names.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$BORDERLESS_SOURCE_DIR
SCRIPT=$SRC/completion/borderless.bash
BIN=$BORDERLESS_BIN
FIX=$SRC/tests/fixtures/base
cmd=""
envs=()

# complete_in DIR WORD... — completes the last WORD of the command line
# WORD... in a fresh bash run from DIR; leaves the sorted candidates, one a
# line, in $T/got.  Extra environment: the NAME=VALUE words in array envs.
complete_in() {
    local dir=$1
    shift
    cmd="complete: $*"
    # shellcheck disable=SC2016 # expanded by the inner bash
    (cd "$dir" && env "${envs[@]}" bash --norc --noprofile -c '
        . "$1" || exit 3
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        _borderless || exit 4
        printf "%s\n" "${COMPREPLY[@]}"' bash "$SCRIPT" "$@") >"$T/out" 2>"$T/err"
    rc=$?
    sort "$T/out" | sed '/^$/d' >"$T/got"
}

# expect_candidates EXPECTED — the candidates, one a line (sorted here).
expect_candidates() {
    checks=$((checks + 1))
    local want
    want=$(printf '%s\n' "$1" | sed '/^$/d' | sort)
    if [ "$(cat "$T/got")" != "$want" ]; then
        fail "expected the candidates:
$(printf '%s\n' "$want" | sed 's/^/    /')
  got:
$(sed 's/^/    /' "$T/got")"
    fi
    expect_empty "$T/err"
}

ids=$("$BIN" -C "$SRC/content" list | cut -f2)
fixture_ids=$("$BIN" -C "$FIX" list | cut -f2)

begin "the script registers the completion"
cmd="bash -c '. $SCRIPT; complete -p borderless'"
bash --norc --noprofile -c '. "$1" && complete -p borderless' bash "$SCRIPT" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_out "complete -F _borderless borderless"

begin "commands"
complete_in / borderless ""
expect_candidates "check
list
show
search
summary
export
shortlist
compare
help"
complete_in / borderless s
expect_candidates "search
show
summary
shortlist"

begin "options"
complete_in / borderless -
expect_candidates "-C
-h
--help
--version
--width
--theme
--no-state
--no-cache"
complete_in / borderless --v
expect_candidates "--version"

begin "commands after -C DIR"
complete_in / borderless -C "$FIX" c
expect_candidates "check
compare"
complete_in / borderless --width 60 --theme dark s
expect_candidates "search
show
summary
shortlist"

begin "themes after --theme, nothing after --width"
complete_in / borderless --theme ""
expect_candidates "light
dark
mono
auto"
complete_in / borderless show --width ""
expect_candidates ""

begin "each command's options"
complete_in / borderless search --t
expect_candidates "--tsv"
complete_in / borderless show -
expect_candidates "-C
-h
--help
--width"
complete_in / borderless check -
expect_candidates "-C
-h
--help"

begin "help COMMAND"
complete_in / borderless help s
expect_candidates "search
show
summary
shortlist"

begin "a folder after -C"
mkdir -p "$T/work/content-a" "$T/work/content-b"
touch "$T/work/content-file"
complete_in "$T/work" borderless -C content
expect_candidates "content-a
content-b"

begin "shortlist: subcommands, role ids after add and note, shortlisted ids after rm"
complete_in / "$BIN" -C "$FIX" shortlist ""
expect_candidates "list
add
rm
note"
complete_in / "$BIN" -C "$FIX" shortlist add ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" shortlist note ""
expect_candidates "$fixture_ids"
mkdir -p "$T/xdg/borderless"
printf 'borderless-shortlist 1\nrole\tgone-role\tadded=2026-01-01T00:00:00Z\n' \
    >"$T/xdg/borderless/shortlist.txt"
envs=("XDG_DATA_HOME=$T/xdg")
complete_in / "$BIN" -C "$FIX" shortlist rm ""
expect_candidates "gone-role"
complete_in / "$BIN" -C "$FIX" shortlist rm gone-role ""
expect_candidates ""
envs=()

begin "ids after show, with -C DIR"
complete_in / "$BIN" -C "$SRC/content" show ""
expect_candidates "$ids"
complete_in / "$BIN" -C "$SRC/content" show int
expect_candidates "$(printf '%s\n' "$ids" | grep '^int')"
complete_in / "$BIN" -C "$FIX" show ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" "-C$FIX" show ""
expect_candidates "$fixture_ids"
# -C after the command, as the program takes it
complete_in / "$BIN" show -C "$FIX" ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" show -- ""
expect_candidates "$fixture_ids"

begin "ids with \$BORDERLESS_CONTENT, and a program found on PATH"
mkdir -p "$T/bin"
ln -s "$BIN" "$T/bin/borderless"
envs=("BORDERLESS_CONTENT=$FIX" "PATH=$T/bin:$PATH")
complete_in / borderless show ""
expect_candidates "$fixture_ids"
envs=("PATH=$T/bin:$PATH")
complete_in / borderless -C "$SRC/content" show ""
expect_candidates "$ids"
envs=()

begin "one id only"
complete_in / "$BIN" -C "$FIX" show alpha ""
expect_candidates ""

begin "summary: ids, options, formats, files"
complete_in / "$BIN" -C "$FIX" summary ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" summary alpha -
expect_candidates "-o
--output
-f
--format
--force
-h
--help"
complete_in / "$BIN" -C "$FIX" summary alpha ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" summary -f ""
expect_candidates "text
markdown"
complete_in / "$BIN" -C "$FIX" summary alpha --format m
expect_candidates "markdown"
complete_in / "$BIN" -C "$FIX" summary -o out.md ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" summary -f text b
expect_candidates "beta"
mkdir -p "$T/files"
touch "$T/files/alpha.md" "$T/files/alpha.txt" "$T/files/other"
complete_in "$T/files" "$BIN" -C "$FIX" summary alpha -o al
expect_candidates "alpha.md
alpha.txt"

begin "export: scopes, formats, options, ids after --scope compare"
complete_in / "$BIN" -C "$FIX" export --scope ""
expect_candidates "all
shortlist
compare
fit"
complete_in / "$BIN" -C "$FIX" export -f h
expect_candidates "html"
complete_in / "$BIN" -C "$FIX" export --s
expect_candidates "--scope"
complete_in / "$BIN" -C "$FIX" export --scope compare ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" export --scope all ""
expect_candidates ""
complete_in "$T/files" "$BIN" -C "$FIX" export -o al
expect_candidates "alpha.md
alpha.txt"

begin "compare: up to three ids, options, formats, files"
complete_in / "$BIN" -C "$FIX" compare ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" compare alpha b
expect_candidates "beta"
complete_in / "$BIN" -C "$FIX" compare alpha beta -o out.md ""
expect_candidates "$fixture_ids"
complete_in / "$BIN" -C "$FIX" compare alpha beta gamma ""
expect_candidates ""
complete_in / "$BIN" -C "$FIX" compare alpha --d
expect_candidates "--differences"
complete_in / "$BIN" -C "$FIX" compare alpha beta -f m
expect_candidates "markdown"
complete_in / borderless help co
expect_candidates "compare"

begin "no candidates where none make sense"
complete_in / "$BIN" -C "$FIX" search ""
expect_candidates ""
complete_in / "$BIN" -C "$FIX" check ""
expect_candidates ""

begin "a program that cannot be run gives no ids and no noise"
complete_in / "$T/no-such-borderless" show ""
expect_candidates ""
complete_in / "$BIN" -C "$T/no-such-content" show ""
expect_candidates ""

finish
