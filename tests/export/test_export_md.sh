#!/usr/bin/env bash
# test_export_md.sh — the Markdown booklet's contents, rendered by Discount
# (check_md_links.pl): every item of every scope is a link to the anchor
# GitHub gives its heading, on the real content; and a link to the wrong
# anchor is caught (the check can fail).  Needs perl's
# Text::Markdown::Discount (Debian libtext-markdown-discount-perl, which
# lintian pulls in too; scripts/quickstart installs it): missing, the test
# fails, it never passes untested.
set -u
bin=${BORDERLESS_BIN:?BORDERLESS_BIN is not set}
src=${BORDERLESS_SOURCE_DIR:?BORDERLESS_SOURCE_DIR is not set}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/bl-export-md-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
unset BORDERLESS_NO_STATE
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
perl -MText::Markdown::Discount -e 1 2>/dev/null || {
    echo "FAIL: no Text::Markdown::Discount (apt-get install libtext-markdown-discount-perl)" >&2
    exit 1
}
check() { # NAME FILE ITEMS
    perl "$here/check_md_links.pl" "$2" "$3" >&2 || fail "$1: the contents' links"
}
bl() { "$bin" -C "$src/content" "$@"; }

# All roles and the sections: a link for every entry `list` names.
bl export -f markdown -o "$tmp/all.md" || fail "export all"
entries=$(bl list | wc -l)
[ "$entries" -ge 20 ] || fail "list names only $entries entries"
check all "$tmp/all.md" "$entries"

# The shortlist, and a comparison of three.
bl shortlist add europol-analyst >/dev/null || fail "shortlist add"
bl shortlist add interpol-agent >/dev/null || fail "shortlist add"
bl export --scope shortlist -f markdown -o "$tmp/sl.md" || fail "export shortlist"
check shortlist "$tmp/sl.md" 2
bl export --scope compare interpol-agent europol-analyst customs-border-officer \
    -f markdown -o "$tmp/cmp.md" || fail "export compare"
check compare "$tmp/cmp.md" 3

# The check fails on a link to the wrong anchor, and on a missing link.
sed 's/(#interpol-officer)/(#interpol-officer-1)/' "$tmp/sl.md" > "$tmp/wrong.md"
cmp -s "$tmp/sl.md" "$tmp/wrong.md" && fail "the shortlist booklet has no #interpol-officer link"
perl "$here/check_md_links.pl" "$tmp/wrong.md" 2 >/dev/null && fail "a wrong anchor passed"
sed 's/^2\. \[\(.*\)\](#.*)$/2. \1/' "$tmp/sl.md" > "$tmp/unlinked.md"
perl "$here/check_md_links.pl" "$tmp/unlinked.md" 2 >/dev/null && fail "a missing link passed"

[ "$failures" -eq 0 ] || exit 1
echo "ok"
