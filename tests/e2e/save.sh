#!/bin/bash
# p saves a role's summary, in a real terminal: the file is the one
# 'borderless summary' writes; the terminal the guide is drawn on is refused
# by any name; a FIFO nobody reads is refused; a file named through /proc is
# asked about; y after the file was swapped writes nothing.  (The prompt,
# the question, failures and folders are screen tests: tests/screen/.)
#
# Every step waits for text that only that step brings (e2e_step checks it
# is not on the screen before): never for the name just typed, which the
# prompt shows before Enter is read.
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
e2e_step "to: ./$id1-summary.txt" p
e2e_step "Saved $file" Enter
cmp -s "$file" "$expected" || fail "the file differs from 'borderless summary $id1'"

# The terminal the guide is drawn on is refused, by any name (issue 10); the
# prompt stays open with the name, to correct it.
e2e_step "/dev/tty: that is the terminal the guide is drawn on; choose a file" p C-u /dev/tty Enter
# The refusal is drawn with the prompt it reopens: the name is still there.
e2e_screen | grep -qF "to: /dev/tty" || fail "the prompt did not keep the name /dev/tty"
e2e_step "/proc/self/fd/1: that is the terminal the guide is drawn on" C-u /proc/self/fd/1 Enter
# A FIFO nobody reads: refused at once, the guide goes on.
mkfifo "$E2E_CWD/fifo"
e2e_step "nothing is reading from this FIFO" C-u f i f o Enter
# An existing file by another name is asked about like any other.
e2e_step "Overwrite /proc/self/cwd/$id1-summary.txt? (y/N)" C-u "/proc/self/cwd/$id1-summary.txt" Enter
e2e_step "Kept /proc/self/cwd/$id1-summary.txt" n
cmp -s "$file" "$expected" || fail "n through /proc/self/cwd changed the file"
# The file is replaced by another while the question is open: y does not
# reach the new one.
e2e_step "Overwrite $file? (y/N)" p C-u "$id1-summary.txt" Enter
echo "newer notes" > "$E2E_CWD/newer"
mv "$E2E_CWD/newer" "$file"
e2e_step "changed since it was checked; nothing was written" y
[ "$(cat "$file")" = "newer notes" ] || fail "y replaced a file it was not asked about"
e2e_step "Not saved" Escape
[ -s "$EXIT_FILE" ] && fail "a refused save ended the program"

e2e_keys q
e2e_wait_exit 0
