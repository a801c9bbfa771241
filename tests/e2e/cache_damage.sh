#!/bin/bash
# A damaged content cache is found before the first key and the guide
# starts again from the YAML: the reader sees the right text, and the
# cache is written anew when the guide ends.  The damage is in the body of
# the last entry (the glossary), which the first screen does not show, so
# only the background check can find it (cache.h: bl_cache_check).
. "$(dirname "$0")/lib.sh"

CACHE="$E2E_DIR/cache"
XDG_CACHE_HOME="$CACHE" "$BORDERLESS_BIN" -C "$CONTENT" search interpol >/dev/null ||
    fail "search could not store the cache"
file=$(ls "$CACHE"/borderless/content-*.cache 2>/dev/null)
[ -f "$file" ] || fail "no cache file stored"

# Flip the case of a letter in the last entry's first string; print the
# string's first 24 characters as they were.
orig=$(python3 - "$file" <<'PY'
import struct, sys
path = sys.argv[1]
b = bytearray(open(path, 'rb').read())
off = struct.unpack_from('<Q', b, 64)[0]          # header: the model block
n = struct.unpack_from('<Q', b, off + 16)[0]      # its table: the entries
ent = lambda i, k: struct.unpack_from('<Q', b, off + 72 + 24 * i + 8 * k)[0]
s0 = ent(n - 2, 1) if n > 1 else struct.unpack_from('<Q', b, off + 48)[0]
end = b.index(0, off + s0)
text = b[off + s0:end].decode()
at = next(i for i, c in enumerate(text[:24]) if c.isalpha() and i > 0)
b[off + s0 + at] ^= 0x20
open(path, 'wb').write(b)
print(text[:24])
PY
) || fail "could not damage the cache"
[ -n "$orig" ] || fail "no string to damage"
ino=$(stat -c %i "$file")

e2e_start 100 40 xterm-256color C.UTF-8 XDG_CACHE_HOME="$CACHE"
e2e_wait "$E2E_MENU" "no first screen"
# the last entry, read: the text from the YAML, not the damaged cache's
e2e_keys G
e2e_wait "$orig" "the last entry does not show '$orig' as written"
e2e_keys q
e2e_wait_exit 0
# the damaged cache was replaced by a good one
new=$(ls "$CACHE"/borderless/content-*.cache 2>/dev/null)
[ -f "$new" ] || fail "no cache after the run"
[ "$(stat -c %i "$new")" != "$ino" ] || fail "the damaged cache was not written anew"
XDG_CACHE_HOME="$CACHE" "$BORDERLESS_BIN" -C "$CONTENT" show glossary | grep -qF -- "$orig" ||
    fail "the new cache does not hold '$orig'"
echo "ok: a damaged cache was found before the first key and rebuilt"
