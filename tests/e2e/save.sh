#!/bin/bash
# p saves a role's summary, in a real terminal: the file is the one
# 'borderless summary' writes; the terminal the guide is drawn on is refused
# by any name; a FIFO nobody reads is refused; a file named through /proc is
# asked about; y after the file was swapped writes nothing.  (The prompt,
# the question, failures and folders are screen tests: tests/screen/.)
. "$(dirname "$0")/lib.sh"

E2E_CWD="$E2E_DIR/cwd"
mkdir -p "$E2E_CWD"
id1=$(role_id 1)
file="$E2E_CWD/$id1-summary.txt"
expected="$E2E_DIR/expected.txt"
"$BORDERLESS_BIN" -C "$CONTENT" summary "$id1" > "$expected" || fail "summary command failed"

e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_wait "p Save"

# p, Enter: written in the current folder, the bar names the absolute path.
e2e_keys p
e2e_wait "to: ./$id1-summary.txt"
e2e_keys Enter
e2e_wait "Saved $file"
cmp -s "$file" "$expected" || fail "the file differs from 'borderless summary $id1'"

# The terminal the guide is drawn on is refused, by any name (issue 10); the
# prompt stays open with the name, to correct it.
e2e_keys p C-u /dev/tty Enter
e2e_wait "/dev/tty: that is the terminal the guide is drawn on; choose a file"
e2e_wait "to: /dev/tty"
e2e_keys C-u /proc/self/fd/1 Enter
e2e_wait "/proc/self/fd/1: that is the terminal the guide is drawn on"
# A FIFO nobody reads: refused at once, the guide goes on.
mkfifo "$E2E_CWD/fifo"
e2e_keys C-u f i f o Enter
e2e_wait "nothing is reading from this FIFO"
# An existing file by another name is asked about like any other.
e2e_keys C-u "/proc/self/cwd/$id1-summary.txt" Enter
e2e_wait "Overwrite /proc/self/cwd/$id1-summary.txt? (y/N)"
e2e_keys n
e2e_wait "Kept /proc/self/cwd/$id1-summary.txt"
cmp -s "$file" "$expected" || fail "n through /proc/self/cwd changed the file"
# The file is replaced by another while the question is open: y does not
# reach the new one.
e2e_keys p C-u "$id1-summary.txt" Enter
e2e_wait "Overwrite $file? (y/N)"
echo "newer notes" > "$E2E_CWD/newer"
mv "$E2E_CWD/newer" "$file"
e2e_keys y
e2e_wait "changed since it was checked; nothing was written"
[ "$(cat "$file")" = "newer notes" ] || fail "y replaced a file it was not asked about"
e2e_keys Escape
e2e_wait "Not saved"
[ -s "$EXIT_FILE" ] && fail "a refused save ended the program"

e2e_keys q
e2e_wait_exit 0
