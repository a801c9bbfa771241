#!/usr/bin/env bash
# test_install.sh — `cmake --install` into a throw-away prefix: every file in
# its place, and the installed program finds its own content with no flags
# from any folder, after the prefix is moved, and through a symbolic link.
#
# Usage (from tests/install.cmake): test_install.sh CMAKE BUILD_DIR VERSION
#
# The program built here also knows the source tree's content/ as a last
# resort, so a passing `list` alone proves nothing: the test marks the
# installed copy (it renames a section) and expects to see the mark.
set -u
CMAKE=$1 BUILD=$2 VERSION=$3
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$BORDERLESS_SOURCE_DIR
MARK="Installed copy marker"

begin "cmake --install"
cmd="$CMAKE --install $BUILD --prefix $T/P"
"$CMAKE" --install "$BUILD" --prefix "$T/P" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
P=$T/P
checks=$((checks + 1))
[ -x "$P/bin/borderless" ] || fail "expected an executable $P/bin/borderless"
cmd=""
for f in share/borderless/sections.yaml share/man/man1/borderless.1.gz \
    share/doc/borderless/README.md share/doc/borderless/content-guide.md \
    share/doc/borderless/copyright share/doc/borderless/changelog.gz \
    share/bash-completion/completions/borderless share/zsh/vendor-completions/_borderless \
    share/fish/vendor_completions.d/borderless.fish; do
    expect_file "$P/$f"
done
for f in "$SRC"/content/roles/*.yaml; do
    expect_file "$P/share/borderless/roles/$(basename "$f")"
done
checks=$((checks + 1))
[ ! -e "$P/share/borderless/README.md" ] ||
    fail "the content authors' guide belongs in share/doc, not share/borderless"
checks=$((checks + 1))
cmp -s "$SRC/content/README.md" "$P/share/doc/borderless/content-guide.md" ||
    fail "content-guide.md is not content/README.md"

# Mark the installed copy: the first section's title (after the groups).
awk -v mark="$MARK" '/^sections:/ { in_sections = 1 }
    in_sections && !done && /^    title: / { sub(/title: .*/, "title: " mark); done = 1 } { print }' \
    "$P/share/borderless/sections.yaml" >"$T/sections.yaml" &&
    cat "$T/sections.yaml" >"$P/share/borderless/sections.yaml"
run_in / "$BORDERLESS_BIN" -C "$SRC/content" check
expect_rc 0
source_check=$(cat "$T/out")

# expect_installed DIR PROGRAM — PROGRAM run from DIR with no flags reads the
# installed (marked) content.
expect_installed() {
    run_in "$1" "$2" check
    expect_rc 0
    expect_out "$source_check"
    expect_empty "$T/err"
    run_in "$1" "$2" list
    expect_rc 0
    checks=$((checks + 1))
    grep -q "	$MARK\$" "$T/out" || fail "expected the installed content (its marked title)"
}

begin "installed program, run from /"
expect_installed / "$P/bin/borderless"
begin "installed program, run from a temporary folder"
mkdir -p "$T/elsewhere"
expect_installed "$T/elsewhere" "$P/bin/borderless"

begin "the whole prefix moved"
mv "$P" "$T/P2"
P=$T/P2
expect_installed / "$P/bin/borderless"

begin "through a symbolic link in another folder"
ln -s "$P/bin/borderless" "$T/elsewhere/borderless"
expect_installed / "$T/elsewhere/borderless"

begin "-C and BORDERLESS_CONTENT come before the installed content"
run_in / "$P/bin/borderless" -C "$SRC/content" list
expect_rc 0
checks=$((checks + 1))
! grep -q "$MARK" "$T/out" || fail "-C did not win over the installed content"
run_in / env BORDERLESS_CONTENT="$SRC/content" "$P/bin/borderless" list
expect_rc 0
checks=$((checks + 1))
! grep -q "$MARK" "$T/out" || fail "BORDERLESS_CONTENT did not win over the installed content"

begin "--version, --help and a usage error"
run_in / "$P/bin/borderless" --version
expect_rc 0
expect_out "borderless $VERSION
content reviewed $(sed -n 's/^reviewed: "\(.*\)"$/\1/p' "$SRC/content/roles/"*.yaml | sort | tail -n 1)"
run_in / "$P/bin/borderless" --help
expect_rc 0
expect_empty "$T/err"
checks=$((checks + 1))
[ "$(wc -l <"$T/out")" -le 30 ] || fail "--help should be short (at most 30 lines)"
run_in / "$P/bin/borderless" --no-such-option
expect_rc 2
expect_empty "$T/out"
checks=$((checks + 1))
[ -s "$T/err" ] || fail "expected the usage error on stderr"

if command -v man >/dev/null; then
    begin "man finds the installed page through MANPATH"
    run_in / env MANPATH="$P/share/man" man -w borderless
    expect_rc 0
    expect_out "$P/share/man/man1/borderless.1.gz"
    begin "the installed page is the source page, compressed"
    checks=$((checks + 1))
    gzip -dc "$P/share/man/man1/borderless.1.gz" | cmp -s - "$SRC/doc/borderless.1" ||
        fail "borderless.1.gz does not decompress to doc/borderless.1"
fi

finish
