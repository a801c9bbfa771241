#!/usr/bin/env bash
# `borderless search` through the real binary: output format, exit statuses,
# suggestions on stderr.  Needs BORDERLESS_BIN and BORDERLESS_SOURCE_DIR.
set -u
bin=${BORDERLESS_BIN:?}
content=${BORDERLESS_SOURCE_DIR:?}/content
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

run() { # run NAME ARGS...: status in $status, output in $tmp/NAME.{out,err}
    local name=$1
    shift
    "$bin" -C "$content" search "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    status=$?
}

run hits trafficking
[ "$status" -eq 0 ] || fail "search trafficking: exit $status, want 0 ($(cat "$tmp/hits.err"))"
[ -s "$tmp/hits.out" ] || fail "search trafficking: no output"
if awk -F'\t' 'NF != 4 || ($1 != "role" && $1 != "section") { exit 1 }' "$tmp/hits.out"; then :
else fail "search trafficking: a line is not kind<TAB>id<TAB>title<TAB>snippet"; fi
for id in transnational-crime-investigator customs-border-officer landscape; do
    cut -f2 "$tmp/hits.out" | grep -qx "$id" || fail "search trafficking: $id missing"
done
[ "$(head -n1 "$tmp/hits.out" | cut -f1)" = role ] || fail "search trafficking: first hit is not a role"

run top interpol
[ "$status" -eq 0 ] && [ "$(head -n1 "$tmp/top.out" | cut -f2)" = interpol-agent ] ||
    fail "search interpol: interpol-agent is not first"

run phrase '"border protection"'
[ "$status" -eq 0 ] && [ "$(head -n1 "$tmp/phrase.out" | cut -f2)" = customs-border-officer ] ||
    fail "search '\"border protection\"': customs-border-officer is not first"

run none qqqqzzz
[ "$status" -eq 1 ] || fail "search qqqqzzz: exit $status, want 1"
[ -s "$tmp/none.out" ] && fail "search qqqqzzz: printed on stdout"
grep -q "no matches for 'qqqqzzz'" "$tmp/none.err" || fail "search qqqqzzz: no message on stderr"

run typo intrepolx
[ "$status" -eq 1 ] || fail "search intrepolx: exit $status, want 1"
grep -q "Did you mean: interpol" "$tmp/typo.err" || fail "search intrepolx: no suggestion on stderr"

# Questions are read for what they ask (issue 14).
run join how do I join interpol
[ "$status" -eq 0 ] && [ "$(head -n1 "$tmp/join.out" | cut -f2)" = interpol-agent ] ||
    fail "search how do I join interpol: exit $status, interpol-agent not first"
grep -q "Did you mean" "$tmp/join.err" && fail "search how do I join interpol: suggested $(cat "$tmp/join.err")"
run become how to become an analyst
[ "$status" -eq 0 ] || fail "search how to become an analyst: exit $status, want 0"
run women women
grep -qE "home|when|open" "$tmp/women.err" && fail "search women: noise suggested: $(cat "$tmp/women.err")"

run empty
[ "$status" -eq 2 ] || fail "search without a query: exit $status, want 2"
grep -q "Try 'borderless search --help'" "$tmp/empty.err" || fail "search without a query: no hint"

# --tsv through a pipe is the same TSV.
run tsv trafficking --tsv
cmp -s "$tmp/hits.out" "$tmp/tsv.out" || fail "search --tsv differs from the piped output"

# --help is help, not a search for "help".
run help --help
[ "$status" -eq 0 ] || fail "search --help: exit $status, want 0"
grep -q "^Usage: borderless search" "$tmp/help.out" || fail "search --help: no usage"

# A query word that starts with '-' after --.
run dash -- -trafficking
[ "$status" -eq 0 ] || fail "search -- -trafficking: exit $status, want 0"

# The query echoed in "no matches" is escaped.
run ctl "qqzz$(printf '\033')[2J"
[ "$status" -eq 1 ] || fail "search with ESC: exit $status, want 1"
grep -q "$(printf '\033')" "$tmp/ctl.err" && fail "search with ESC: raw ESC on stderr"
grep -qF "no matches for 'qqzz\e[2J'" "$tmp/ctl.err" || fail "search with ESC: not escaped: $(cat "$tmp/ctl.err")"

[ "$failures" -eq 0 ] && echo "search CLI: all checks passed"
exit $((failures > 0))
