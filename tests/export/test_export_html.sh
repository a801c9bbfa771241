#!/usr/bin/env bash
# test_export_html.sh — every scope of `borderless export -f html` on the real
# content (and on a guide with hostile text) passes two validators:
#   tidy -q -e: errors AND warnings (exit status 0 and no output).  Options:
#     -utf8 (read the file as the UTF-8 it declares), --show-warnings yes (the
#     default, said out loud: a warning fails the test too), --gnu-emacs no
#     (one line per problem).  Nothing is relaxed.
#   html5lib's strict parser (check_html.py), which fails on any parse error
#     of the WHATWG algorithm, and then booklet.h's rules (no script, no on*=,
#     nothing external, print CSS, a contents link for every role).
# Needs tidy and python3-html5lib (scripts/quickstart installs them): a
# missing validator fails the test, it never passes untested.
set -u
bin=${BORDERLESS_BIN:?BORDERLESS_BIN is not set}
src=${BORDERLESS_SOURCE_DIR:?BORDERLESS_SOURCE_DIR is not set}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/bl-export-html-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
unset BORDERLESS_NO_STATE
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

command -v tidy >/dev/null || { echo "FAIL: tidy is not installed (apt-get install tidy)" >&2; exit 1; }
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import html5lib' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "FAIL: no python3 with html5lib (apt-get install python3-html5lib)" >&2; exit 1; }

# validate NAME FILE ROLE_ID...
validate() {
    local name=$1 file=$2
    shift 2
    local out rc
    out=$(tidy -q -e -utf8 --show-warnings yes --gnu-emacs no "$file" 2>&1)
    rc=$?
    [ "$rc" -eq 0 ] && [ -z "$out" ] || fail "$name: tidy (exit $rc): $out"
    "$py" "$here/check_html.py" "$file" "$@" || fail "$name: check_html.py"
}

content="$src/content"
mapfile -t roles < <("$bin" -C "$content" list | awk -F'\t' '$1 == "role" { print $2 }')
[ "${#roles[@]}" -ge 3 ] || fail "too few roles listed: ${#roles[@]}"

"$bin" -C "$content" export -f html -o "$tmp/all.html" || fail "export all"
validate all "$tmp/all.html" "${roles[@]}"

"$bin" -C "$content" shortlist add "${roles[1]}" "Ask about <script>alert('x')</script> & \"pay\"" \
    >/dev/null || fail "shortlist add"
"$bin" -C "$content" shortlist add "${roles[0]}" >/dev/null || fail "shortlist add"
"$bin" -C "$content" export --scope shortlist -o "$tmp/shortlist.html" || fail "export shortlist"
validate shortlist "$tmp/shortlist.html" "${roles[1]}" "${roles[0]}"

"$bin" -C "$content" export --scope compare "${roles[0]}" "${roles[1]}" -o "$tmp/c2.html" ||
    fail "export compare 2"
validate compare2 "$tmp/c2.html" "${roles[0]}" "${roles[1]}"
"$bin" -C "$content" export --scope compare "${roles[@]:0:3}" -f html >"$tmp/c3.html" ||
    fail "export compare 3"
validate compare3 "$tmp/c3.html" "${roles[@]:0:3}"

printf 'desk_field=1\ntravel=4!\n' >"$tmp/answers"
"$bin" -C "$content" export --scope fit --answers "$tmp/answers" -o "$tmp/fit.html" ||
    fail "export fit"
validate fit "$tmp/fit.html" "${roles[@]}"

# A guide whose text is hostile: markup, quotes and ampersands in titles,
# summaries, lists and the guide's title.
hostile="$tmp/hostile"
cp -r "$src/tests/fixtures/base" "$hostile"
sed -i 's/^title: Alpha officer$/title: "Alpha <script>alert(1)<\/script> \\"officer\\" \& co"/' \
    "$hostile/roles/alpha.yaml"
sed -i 's/^  - Do the first thing$/  - "<img src=x onerror=alert(1)> \&amp; '"'"'first'"'"'"/' \
    "$hostile/roles/alpha.yaml"
grep -q 'script' "$hostile/roles/alpha.yaml" || fail "the hostile fixture was not made"
"$bin" -C "$hostile" check >/dev/null 2>"$tmp/check.err" || fail "hostile guide: $(cat "$tmp/check.err")"
"$bin" -C "$hostile" export -f html -o "$tmp/hostile.html" || fail "export hostile"
validate hostile "$tmp/hostile.html" alpha beta
grep -qi '<script' "$tmp/hostile.html" && fail "hostile: a <script> tag came through"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &quot;officer&quot; &amp; co' "$tmp/hostile.html" ||
    fail "hostile: the title is not escaped as expected"
grep -qF '&lt;img src=x onerror=alert(1)&gt; &amp;amp; &#39;first&#39;' "$tmp/hostile.html" ||
    fail "hostile: the list item is not escaped as expected"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all HTML scopes valid"
