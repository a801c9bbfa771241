#!/usr/bin/env bash
# test_cache.sh — the content cache through the real binary (issue 17): a
# command leaves a cache and the next one gives the same output from it;
# `check`, --no-cache and BORDERLESS_NO_CACHE write none; --no-state reads
# but writes none; a changed content file is seen at once; a damaged or
# foreign cache file is ignored and replaced; a temporary left by a killed
# writer is removed by the next writer, one being written (locked) is kept.
#
# Run through CTest (tests/cache.cmake).  Every check runs; the script exits
# non-zero if any failed.
set -u

: "${BORDERLESS_BIN:?run through ctest}"
: "${BORDERLESS_SOURCE_DIR:?run through ctest}"
BIN=$BORDERLESS_BIN
unset BORDERLESS_CONTENT BORDERLESS_NO_CACHE BORDERLESS_NO_STATE
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/borderless-cache-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data" HOME="$T/home"
mkdir -p "$HOME" "$T/content"
cp -R "$BORDERLESS_SOURCE_DIR/content/." "$T/content/"
C=$T/content
# Files a minute old, as a copy keeping times would be: no cache is stored
# for content changed within the last moment (cache.h, racy).
age() { find "$@" -exec touch -d '1 minute ago' {} +; }
age "$C"

failures=0
checks=0
current=""
begin() { current=$1; }
fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s: %s\n' "$current" "$1"
}
ok() { checks=$((checks + 1)); }
check() { if eval "$1"; then ok; else fail "$2"; fi; }
n_cache() { find "$XDG_CACHE_HOME" -type f 2>/dev/null | wc -l; }
cache_file() { find "$XDG_CACHE_HOME" -type f -name 'content-*.cache' | head -1; }

begin "check, --no-cache and BORDERLESS_NO_CACHE write no cache"
"$BIN" -C "$C" check >/dev/null
check '[ "$(n_cache)" = 0 ]' "check wrote a cache"
"$BIN" -C "$C" --no-cache list >/dev/null
check '[ "$(n_cache)" = 0 ]' "--no-cache wrote a cache"
BORDERLESS_NO_CACHE=1 "$BIN" -C "$C" search interpol >/dev/null
check '[ "$(n_cache)" = 0 ]' "BORDERLESS_NO_CACHE=1 wrote a cache"
"$BIN" -C "$C" --no-state list >/dev/null
check '[ "$(n_cache)" = 0 ]' "--no-state wrote a cache"

begin "search leaves a cache; the next runs give the same output from it"
"$BIN" -C "$C" --no-cache search '"red notice"' interpol >"$T/want" 2>&1
"$BIN" -C "$C" search '"red notice"' interpol >"$T/first" 2>&1
check '[ "$(n_cache)" = 1 ]' "no single cache file after search ($(n_cache) files)"
f=$(cache_file)
check '[ -n "$f" ] && [ "$(stat -c %a "$f")" = 600 ]' "the cache is not private to the user"
stamp=$(stat -c %Y.%i "$f")
"$BIN" -C "$C" search '"red notice"' interpol >"$T/second" 2>&1
check 'cmp -s "$T/want" "$T/first" && cmp -s "$T/want" "$T/second"' "output differs with the cache"
check '[ "$(stat -c %Y.%i "$f")" = "$stamp" ]' "a warm run rewrote the cache"
"$BIN" -C "$C" --no-cache show interpol-agent >"$T/want" 2>&1
"$BIN" -C "$C" show interpol-agent >"$T/got" 2>&1
check 'cmp -s "$T/want" "$T/got"' "show differs with the cache"
"$BIN" -C "$C" --no-state show interpol-agent >"$T/got" 2>&1
check 'cmp -s "$T/want" "$T/got"' "show --no-state differs with the cache"

begin "a changed content file is seen at once"
sed -i 's/^title: .*/title: Renamed Interpol officer/' "$C/roles/interpol-agent.yaml"
"$BIN" -C "$C" list >"$T/got" 2>&1
check 'grep -q "Renamed Interpol officer" "$T/got"' "the stale cache was used"
"$BIN" -C "$C" search renamed >"$T/got" 2>&1
check 'grep -q "interpol-agent" "$T/got"' "the stale index was used"

begin "broken content is reported even with a cache"
"$BIN" -C "$C" list >/dev/null
printf 'title: [unclosed\n' >>"$C/roles/interpol-agent.yaml"
"$BIN" -C "$C" list >"$T/got" 2>&1
rc=$?
check '[ $rc = 1 ] && grep -q "interpol-agent.yaml:" "$T/got"' "broken content loaded (exit $rc)"
"$BIN" -C "$C" check >"$T/got" 2>&1
check '[ $? = 1 ]' "check passed broken content"
cp "$BORDERLESS_SOURCE_DIR/content/roles/interpol-agent.yaml" "$C/roles/"
age "$C/roles"

begin "a damaged, cut or foreign cache file is ignored and replaced"
"$BIN" -C "$C" --no-cache list >"$T/want" 2>&1
for damage in cut flip foreign empty; do
    "$BIN" -C "$C" list >/dev/null
    f=$(cache_file)
    size=$(stat -c %s "$f")
    case $damage in
    cut) truncate -s $((size / 2)) "$f" ;;
    flip) printf '\377\377\377\377' | dd of="$f" bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null ;;
    foreign) printf 'SQLite format 3\0 not really\n' >"$f" ;;
    empty) : >"$f" ;;
    esac
    "$BIN" -C "$C" list >"$T/got" 2>&1
    rc=$?
    check '[ $rc = 0 ] && cmp -s "$T/want" "$T/got"' "a $damage cache: exit $rc or other output"
    check '[ "$(stat -c %s "$(cache_file)")" -gt 4096 ]' "a $damage cache was not replaced"
done

begin "guides and commands started together never leave a broken cache"
rm -rf "$XDG_CACHE_HOME"
"$BIN" -C "$C" --no-cache search interpol analyst >"$T/want" 2>&1
pids=()
for i in 1 2 3 4; do
    "$BIN" -C "$C" search interpol analyst >"$T/par$i" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
for i in 1 2 3 4; do
    check 'cmp -s "$T/want" "$T/par$i"' "run $i of 4 at once gave other output"
done
check '[ "$(n_cache)" = 1 ]' "$(n_cache) files in the cache folder (temporary files left?)"
f=$(cache_file)
stamp=$(stat -c %Y.%i "$f")
"$BIN" -C "$C" search interpol analyst >"$T/got" 2>&1
check 'cmp -s "$T/want" "$T/got" && [ "$(stat -c %Y.%i "$f")" = "$stamp" ]' \
    "the cache left by runs at once was not used as it is"

begin "a temporary left by a killed writer goes; one being written stays"
f=$(cache_file)
dead="$f.K1lled" busy="$f.Wr1tes" other="${f%/*}/content-0123456789abcdef.cache.K1lled"
printf 'half a cache' >"$dead"
printf 'being written' >"$busy"
printf 'another folder' >"$other"
sed -i 's/^title: .*/title: Renamed again/' "$C/roles/interpol-agent.yaml" # a miss: stores
if command -v flock >/dev/null; then
    flock -x "$busy" "$BIN" -C "$C" list >"$T/got" 2>&1
    check '[ -e "$busy" ]' "the temporary being written was removed"
else
    "$BIN" -C "$C" list >"$T/got" 2>&1
fi
check 'grep -q "Renamed again" "$T/got"' "the run did not load the changed content"
check '[ ! -e "$dead" ]' "the killed writer's temporary is still there"
check '[ -e "$other" ]' "another cache's temporary was removed"
printf 'half a cache' >"$dead"
sed -i 's/^title: .*/title: Renamed once more/' "$C/roles/interpol-agent.yaml"
"$BIN" -C "$C" list >/dev/null
check '[ ! -e "$busy" ] && [ ! -e "$dead" ]' "the temporaries outlived their writers"
cp "$BORDERLESS_SOURCE_DIR/content/roles/interpol-agent.yaml" "$C/roles/"

echo "$checks passed, $failures failed"
[ "$failures" = 0 ]
