# lib.sh — helpers shared by the install, man page, package and completion
# tests (sourced).  Every check runs; each failure says what was expected and
# what came out, and `finish` exits non-zero if any failed.

: "${BORDERLESS_BIN:?run through ctest}"
: "${BORDERLESS_SOURCE_DIR:?run through ctest}"
unset BORDERLESS_CONTENT
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/borderless-install-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

failures=0
checks=0
current=""

# Names the check that the following assertions belong to.
begin() { current=$1; }

fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s: %s\n' "$current" "$1"
    if [ -n "${cmd:-}" ]; then
        printf '  command: %s\n  exit status: %s\n' "$cmd" "$rc"
        printf '  stdout:\n'; sed -n '1,15s/^/    | /p' "$T/out"
        printf '  stderr:\n'; sed -n '1,15s/^/    | /p' "$T/err"
    fi
}

# run_in DIR PROGRAM ARGS... — runs PROGRAM from folder DIR with stdin from
# /dev/null; sets rc and leaves its output in $T/out and $T/err.
run_in() {
    local dir=$1
    shift
    cmd="(cd $dir && $*)"
    (cd "$dir" && "$@") </dev/null >"$T/out" 2>"$T/err"
    rc=$?
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || fail "expected exit status $1"
}

expect_out() { # the whole of stdout
    checks=$((checks + 1))
    [ "$(cat "$T/out")" = "$1" ] || fail "expected stdout '$1'"
}

expect_empty() { # FILE
    checks=$((checks + 1))
    [ ! -s "$1" ] || fail "expected $(basename "$1") to be empty"
}

expect_file() { # PATH
    checks=$((checks + 1))
    [ -f "$1" ] || fail "expected the file $1"
}

finish() {
    echo "$checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}
