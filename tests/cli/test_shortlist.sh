#!/usr/bin/env bash
# test_shortlist.sh — `borderless shortlist` through the real binary: list,
# add, rm, note, every exit status, "did you mean", the XDG folder rules,
# the private session, a damaged file told once, a newer file left alone,
# and write errors.  Every run has its own HOME, XDG_DATA_HOME and
# XDG_STATE_HOME inside a temporary folder.
#
# Run through CTest (tests/store.cmake).
set -u
: "${BORDERLESS_FIXTURES:?run through ctest}"
# shellcheck source-path=SCRIPTDIR source=../install/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../install/lib.sh"

FIX=$BORDERLESS_FIXTURES/base
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_STATE_HOME=$T/state
unset BORDERLESS_NO_STATE
mkdir -p "$HOME"
FILE=$XDG_DATA_HOME/borderless/shortlist.txt
TAB=$'\t'
TODAY=$(date -u +%Y-%m-%d)

# sl ARGS... — `borderless -C FIXTURE shortlist ARGS...`.
sl() {
    run_in "$T" "$BORDERLESS_BIN" -C "$FIX" shortlist "$@"
}

expect_err_has() { # TEXT: stderr contains it
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/err" || fail "expected stderr to contain '$1'"
}

expect_err_empty() { expect_empty "$T/err"; }

expect_no_file() { # PATH
    checks=$((checks + 1))
    [ ! -e "$1" ] || fail "expected no $1"
}

expect_same() { # FILE1 FILE2: the same bytes
    checks=$((checks + 1))
    cmp -s "$1" "$2" || fail "expected $2 unchanged"
}

begin "an empty shortlist lists nothing and makes no file"
sl
expect_rc 0
expect_out ""
expect_err_empty
sl list
expect_rc 0
expect_out ""
expect_no_file "$XDG_DATA_HOME/borderless"

begin "add, with a note of several words"
sl add alpha ask about the  "MA — café"
expect_rc 0
expect_err_empty
expect_file "$FILE"
checks=$((checks + 1))
[ "$(head -n 1 "$FILE")" = "borderless-shortlist 1" ] || fail "no version header"
checks=$((checks + 1))
[ "$(stat -c %a "$XDG_DATA_HOME/borderless")" = 700 ] || fail "folder not 0700"
sl add beta
expect_rc 0
sl
expect_rc 0
expect_out "alpha${TAB}Alpha officer${TAB}${TODAY}${TAB}${TAB}ask about the MA — café
beta${TAB}Beta analyst${TAB}${TODAY}${TAB}${TAB}"

begin "add again: kept, said so"
sl add alpha
expect_rc 0
expect_err_has "'alpha' is already on the shortlist"
sl
expect_out "alpha${TAB}Alpha officer${TAB}${TODAY}${TAB}${TAB}ask about the MA — café
beta${TAB}Beta analyst${TAB}${TODAY}${TAB}${TAB}"

begin "note: set, replace, clear"
sl note beta check the language rule
expect_rc 0
expect_err_empty
sl note alpha ""
expect_rc 0
sl
expect_out "alpha${TAB}Alpha officer${TAB}${TODAY}${TAB}${TAB}
beta${TAB}Beta analyst${TAB}${TODAY}${TAB}${TAB}check the language rule"

begin "rm"
sl rm alpha
expect_rc 0
expect_err_empty
sl
expect_out "beta${TAB}Beta analyst${TAB}${TODAY}${TAB}${TAB}check the language rule"
sl rm alpha
expect_rc 1
expect_err_has "'alpha' is not on the shortlist"

begin "note on a role not on the shortlist"
sl note alpha hello
expect_rc 1
expect_err_has "'alpha' is not on the shortlist; add it with 'borderless shortlist add alpha NOTE'"

begin "unknown ids and sections: exit 1, did you mean"
cp "$FILE" "$T/before"
sl add alhpa
expect_rc 1
expect_err_has "no role has the id 'alhpa'"
expect_err_has "Did you mean 'alpha' (Alpha officer)?"
sl add alp
expect_rc 1
expect_err_has "Did you mean 'alpha' (Alpha officer)?"
sl add intro
expect_rc 1
expect_err_has "'intro' is a section; only roles go on the shortlist"
expect_same "$T/before" "$FILE"

begin "usage errors: exit 2, before the content is read"
for args in "frob" "add" "rm" "note" "note alpha" "rm alpha beta" "list x"; do
    # shellcheck disable=SC2086
    run_in "$T" "$BORDERLESS_BIN" -C "$T/no-such-folder" shortlist $args
    expect_rc 2
    expect_err_has "Try 'borderless shortlist --help' for more information."
done
# Options are the program's (anywhere on the line, as for every command).
for args in "--bogus" "add --x"; do
    # shellcheck disable=SC2086
    run_in "$T" "$BORDERLESS_BIN" -C "$T/no-such-folder" shortlist $args
    expect_rc 2
    expect_err_has "unknown option"
done
sl note beta $'two\nlines'
expect_rc 2
expect_err_has "one line of text"
sl add alpha $'\e[31mred'
expect_rc 2
sl note beta "$(head -c 1001 /dev/zero | tr '\0' n)"
expect_rc 2
expect_err_has "too long"
expect_same "$T/before" "$FILE"

begin "--help"
sl --help
expect_rc 0
checks=$((checks + 1))
grep -q "^Usage: borderless \[-C DIR\] shortlist" "$T/out" || fail "no usage on stdout"
run_in "$T" "$BORDERLESS_BIN" --help
checks=$((checks + 1))
grep -q "^  shortlist " "$T/out" || fail "shortlist missing from borderless --help"

begin "updated since you added it; not in this edition"
cat >"$FILE" <<EOF
borderless-shortlist 1
role${TAB}alpha${TAB}added=2026-01-02T03:04:05Z${TAB}reviewed=2020-01-01${TAB}note=old
role${TAB}beta${TAB}added=2026-01-02T03:04:05Z${TAB}reviewed=2023-12-31${TAB}note=same
role${TAB}gone-role${TAB}added=2026-01-02T03:04:05Z${TAB}reviewed=${TAB}note=
EOF
sl
expect_rc 0
expect_err_empty
expect_out "alpha${TAB}Alpha officer${TAB}2026-01-02${TAB}updated since you added it${TAB}old
beta${TAB}Beta analyst${TAB}2026-01-02${TAB}${TAB}same
gone-role${TAB}${TAB}2026-01-02${TAB}not in this edition of the guide${TAB}"
sl rm gone-role
expect_rc 0

begin "a damaged file: salvaged, the user told once, the original kept"
printf 'borderless-shortlist 1\n\001\002 junk\nrole\talpha\tadded=2026-01-02T03:04:05Z\tnote=kept\nrole\tbet' >"$FILE"
cp "$FILE" "$T/damaged"
sl
expect_rc 0
expect_out "alpha${TAB}Alpha officer${TAB}2026-01-02${TAB}${TAB}kept"
expect_err_has "was damaged: 2 lines could not be read"
kept=$(ls "$XDG_DATA_HOME"/borderless/shortlist.txt.damaged-* 2>/dev/null | head -n 1)
expect_file "$kept"
[ -n "$kept" ] && expect_same "$T/damaged" "$kept"
sl
expect_rc 0
expect_err_empty
rm -f "$XDG_DATA_HOME"/borderless/shortlist.txt.damaged-*

begin "a file from a newer version: shown, never changed"
printf 'borderless-shortlist 9\nrole\talpha\tadded=2026-01-02T03:04:05Z\tnote=n\tnew=1\n' >"$FILE"
cp "$FILE" "$T/newer"
sl
expect_rc 0
expect_out "alpha${TAB}Alpha officer${TAB}2026-01-02${TAB}${TAB}n"
expect_err_has "written by a newer version of borderless"
sl add beta
expect_rc 1
expect_err_has "newer version"
sl rm alpha
expect_rc 1
expect_same "$T/newer" "$FILE"
rm -f "$FILE"

begin "a private session reads and writes nothing"
sl add alpha
export BORDERLESS_NO_STATE=1
cp "$FILE" "$T/before"
sl
expect_rc 0
expect_out ""
expect_err_has "private session"
sl add beta
expect_rc 1
expect_err_has "saves nothing"
sl rm alpha
expect_rc 1
expect_same "$T/before" "$FILE"
BORDERLESS_NO_STATE=0 sl
checks=$((checks + 1))
[ -s "$T/out" ] || fail "BORDERLESS_NO_STATE=0 should read the shortlist"
unset BORDERLESS_NO_STATE

begin "XDG_DATA_HOME relative or empty: ignored, the home default used"
for v in "relative/data" ""; do
    XDG_DATA_HOME=$v sl add beta
    expect_rc 0
    expect_file "$HOME/.local/share/borderless/shortlist.txt"
    expect_no_file "$T/relative"
    rm -rf "$HOME/.local"
done

begin "a write error: exit 1 with the reason, nothing half-written"
: >"$T/plainfile"
XDG_DATA_HOME=$T/plainfile sl add alpha
expect_rc 1
expect_err_has "$T/plainfile"
expect_out ""
mkdir -p "$T/ro/borderless"
printf 'borderless-shortlist 1\n' >"$T/ro/borderless/shortlist.txt"
if [ "$(id -u)" -ne 0 ]; then
    chmod 500 "$T/ro/borderless"
    XDG_DATA_HOME=$T/ro sl add alpha
    expect_rc 1
    chmod 700 "$T/ro/borderless"
fi

finish
