#!/usr/bin/env bash
# cache.sh — the guide keeps the search index it built in the content cache
# (issue 17): after one guide run on a fresh cache (or on a cache that holds
# the guide without an index) the cache holds the index too, so `search`
# afterwards uses it as it is; a warm guide rewrites nothing; --no-cache,
# BORDERLESS_NO_CACHE, --no-state and BORDERLESS_NO_STATE guides write no
# cache at all.
#
# The observable: `search` stores the cache again (a new file: another
# inode) exactly when the cache had no index (cmd_search.c), and leaves it
# alone when it had one.  The first check shows that on a cache written by
# `list` (no index), so that the later "left alone" means "had an index".
. "$(dirname "$0")/lib.sh"

export LC_ALL=C.UTF-8
CACHE=$E2E_DIR/cache
n_cache() { find "$CACHE" -type f 2>/dev/null | wc -l; }
cache_file() { find "$CACHE" -type f -name 'content-*.cache' | head -1; }
stamp() { stat -c %Y.%i "$(cache_file)"; }
bin() { XDG_CACHE_HOME=$CACHE "$BORDERLESS_BIN" -C "$CONTENT" "$@" >/dev/null 2>&1; }

# One guide run: open it, search (a search waits until the index is ready,
# so the index exists when it quits), quit.  Extra arguments: environment.
guide() {
    e2e_start 100 30 xterm-256color C.UTF-8 "XDG_CACHE_HOME=$CACHE" "$@"
    e2e_wait "$E2E_MENU"
    e2e_keys / i n t e r p o l
    e2e_wait "matches for 'interpol'" "the search never ran"
    e2e_keys Escape q
    e2e_wait_exit 0
}

# The observable: a cache without an index is rewritten by `search`.
bin list
[ "$(n_cache)" = 1 ] || fail "list left $(n_cache) cache files"
before=$(stamp)
bin search interpol
[ "$(stamp)" != "$before" ] || fail "search kept a cache without an index (the observable is void)"

# A fresh cache: the guide's run stores the guide and its index.
rm -rf "$CACHE"
guide
[ "$(n_cache)" = 1 ] || fail "the guide left $(n_cache) files in the cache folder"
before=$(stamp)
bin search interpol
[ "$(stamp)" = "$before" ] || fail "the guide's cache had no index: search rewrote it"

# Warm: the guide rewrites nothing.
guide
[ "$(stamp)" = "$before" ] || fail "a warm guide rewrote the cache"

# A cache with the guide but no index (from `list`): the guide adds it.
rm -rf "$CACHE"
bin list
before=$(stamp)
guide
[ "$(stamp)" != "$before" ] || fail "the guide did not store the index it built"
before=$(stamp)
bin search interpol
[ "$(stamp)" = "$before" ] || fail "the guide stored no index with the cached guide"

# Private or cache-less guides write nothing.
rm -rf "$CACHE"
guide BORDERLESS_NO_CACHE=1
guide BORDERLESS_NO_STATE=1
[ "$(n_cache)" = 0 ] || fail "a BORDERLESS_NO_CACHE or NO_STATE guide wrote a cache"
WRAP=$E2E_DIR/with-flag
printf '#!/bin/sh\nexec "$@" "$FLAG"\n' >"$WRAP"
chmod +x "$WRAP"
for flag in --no-cache --no-state; do
    E2E_WRAP="$WRAP " guide "FLAG=$flag"
    [ "$(n_cache)" = 0 ] || fail "a $flag guide wrote a cache"
done
# ...and the same guide without the flag does (the wrapper passes it on).
E2E_WRAP="$WRAP " guide "FLAG=--theme=mono"
[ "$(n_cache)" = 1 ] || fail "the guide through the wrapper wrote no cache"

echo "e2e cache: ok"
