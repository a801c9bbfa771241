#!/usr/bin/env bash
# test_deb.sh — CPack builds a .deb: its control fields (name, version,
# maintainer, section, description, the libraries in Depends), its file list,
# and the program unpacked with `dpkg -x` into a throw-away root runs and reads
# the content unpacked beside it.
#
# Usage (from tests/install.cmake): test_deb.sh CPACK BUILD_DIR VERSION MAINTAINER
# Needs dpkg-deb and dpkg-shlibdeps (dpkg, dpkg-dev: scripts/quickstart installs them).
set -u
CPACK=$1 BUILD=$2 VERSION=$3 MAINTAINER=$4
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$BORDERLESS_SOURCE_DIR
if ! command -v dpkg-deb >/dev/null; then
    echo "FAIL: dpkg-deb not found (install dpkg)" >&2
    exit 1
fi

begin "cpack -G DEB"
cmd="$CPACK --config $BUILD/CPackConfig.cmake -G DEB -B $T/pkg"
"$CPACK" --config "$BUILD/CPackConfig.cmake" -G DEB -B "$T/pkg" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
debs=("$T"/pkg/*.deb)
checks=$((checks + 1))
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
    fail "expected one .deb in $T/pkg"
    finish
    exit
fi
DEB=${debs[0]}
cmd=""

# field NAME — a control field of the package.
field() { dpkg-deb -f "$DEB" "$1"; }

begin "control fields"
checks=$((checks + 1))
[ "$(field Package)" = borderless ] || fail "Package: '$(field Package)'"
checks=$((checks + 1))
[ "$(field Version)" = "$VERSION" ] || fail "Version: '$(field Version)', expected $VERSION"
if command -v dpkg >/dev/null; then
    checks=$((checks + 1))
    [ "$(field Architecture)" = "$(dpkg --print-architecture)" ] ||
        fail "Architecture: '$(field Architecture)'"
fi
for f in Maintainer Section Description; do
    checks=$((checks + 1))
    [ -n "$(field $f)" ] || fail "no $f field"
done
checks=$((checks + 1))
[ "$(field Description | wc -l)" -ge 3 ] || fail "expected a summary line and a long description"
depends=$(field Depends)
for lib in libc6 libyaml-0-2 libncursesw6 libutf8proc2 libstemmer0d; do
    checks=$((checks + 1))
    [[ ", $depends," == *", $lib"[\ ,]* ]] || fail "Depends: '$depends' lacks $lib"
done

begin "file list"
dpkg-deb -c "$DEB" >"$T/list"
checks=$((checks + 1))
awk '{ print $6 }' "$T/list" | sed 's/ -> .*//' | sort >"$T/files"
[ -s "$T/files" ] || fail "dpkg-deb -c listed nothing"
# listed PATH-REGEX — a file of the package matches.
listed() {
    checks=$((checks + 1))
    grep -q "^\./$1\$" "$T/files" || fail "the package lacks $1"
}
listed usr/bin/borderless
listed usr/share/borderless/sections.yaml
for f in "$SRC"/content/roles/*.yaml; do
    listed "usr/share/borderless/roles/$(basename "$f")"
done
listed 'usr/share/man/man1/borderless\.1\.gz'
listed usr/share/doc/borderless/copyright
listed 'usr/share/doc/borderless/changelog\.gz'
listed usr/share/zsh/vendor-completions/_borderless
listed usr/share/fish/vendor_completions.d/borderless.fish
listed usr/share/doc/borderless/README.md
listed usr/share/doc/borderless/content-guide.md
listed usr/share/bash-completion/completions/borderless
checks=$((checks + 1))
! grep -v '^\./usr/' "$T/files" | grep -q . ||
    fail "files outside /usr: $(grep -v '^\./usr/' "$T/files" | tr '\n' ' ')"
checks=$((checks + 1))
! awk '$2 != "root/root"' "$T/list" | grep -q . || fail "files not owned by root/root"
checks=$((checks + 1))
awk '$6 == "./usr/bin/borderless"' "$T/list" | grep -q '^-rwxr-xr-x' ||
    fail "usr/bin/borderless is not mode 755"

begin "lintian: no errors, no warnings"
if ! command -v lintian >/dev/null; then
    checks=$((checks + 1))
    fail "lintian not found (scripts/quickstart test installs it)"
else
    cmd="lintian $DEB"
    # Root is warned against; the checks are the same.
    lintian --tag-display-limit 0 "$DEB" >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc 0
    checks=$((checks + 1))
    ! grep -E '^(E|W): ' "$T/out" || fail "lintian reported errors or warnings"
fi

begin "the copyright file is machine-readable and names both licences"
cmd=""
dpkg-deb --fsys-tarfile "$DEB" | tar -xOf - ./usr/share/doc/borderless/copyright >"$T/copyright"
checks=$((checks + 1))
head -n1 "$T/copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
    fail "copyright lacks the DEP-5 Format line"
for l in Expat CC-BY-4.0; do
    checks=$((checks + 1))
    grep -q "^License: $l\$" "$T/copyright" || fail "copyright lacks the $l licence"
done
checks=$((checks + 1))
[ "$(field Maintainer)" = "$MAINTAINER" ] ||
    fail "Maintainer: '$(field Maintainer)', expected '$MAINTAINER' (BORDERLESS_PACKAGE_MAINTAINER)"

begin "unpacked with dpkg -x, the program reads the content beside it"
cmd="dpkg-deb -x $DEB $T/root"
dpkg-deb -x "$DEB" "$T/root" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
run_in / "$BORDERLESS_BIN" -C "$SRC/content" check
source_check=$(cat "$T/out")
# Mark the unpacked copy, so that the source tree's content cannot pass.
awk '/^sections:/ { in_sections = 1 }
    in_sections && !done && /^    title: / { sub(/title: .*/, "title: Unpacked copy marker"); done = 1 }
    { print }' "$T/root/usr/share/borderless/sections.yaml" >"$T/sections.yaml" &&
    cat "$T/sections.yaml" >"$T/root/usr/share/borderless/sections.yaml"
run_in / "$T/root/usr/bin/borderless" check
expect_rc 0
expect_out "$source_check"
expect_empty "$T/err"
run_in / "$T/root/usr/bin/borderless" list
expect_rc 0
checks=$((checks + 1))
grep -q '	Unpacked copy marker$' "$T/out" || fail "expected the unpacked content (its marked title)"
run_in / "$T/root/usr/bin/borderless" --version
expect_rc 0
expect_out "borderless $VERSION
content reviewed $(sed -n 's/^reviewed: "\(.*\)"$/\1/p' "$SRC/content/roles/"*.yaml | sort | tail -n 1)"

finish
