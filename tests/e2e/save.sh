#!/bin/bash
# p saves a role's summary: the prompt, the file, the overwrite question
# (n keeps the file byte for byte, y replaces it), a failing path, the
# terminal itself and a FIFO refused, a file named through /proc asked about.
. "$(dirname "$0")/lib.sh"

E2E_CWD="$E2E_DIR/cwd"
mkdir -p "$E2E_CWD"
id1=$(role_id 1)
t1=$(role_title 1)
file="$E2E_CWD/$id1-summary.txt"
expected="$E2E_DIR/expected.txt"
"$BORDERLESS_BIN" -C "$CONTENT" summary "$id1" > "$expected" || fail "summary command failed"

e2e_start 100 30
e2e_wait "Roles"
e2e_wait "p Save"

# p, Enter: written in the current folder, the bar names the absolute path.
e2e_keys p
e2e_wait "Save summary to: ./$id1-summary.txt"
e2e_keys Enter
e2e_wait "Saved $file"
[ -f "$file" ] || fail "no file $file"
cmp -s "$file" "$expected" || fail "the file differs from 'borderless summary $id1'"

# Again: the question; n keeps the file exactly as it was.
echo "my own notes" > "$file"
before=$(stat -c '%i %s %y' "$file")
e2e_keys p Enter
e2e_wait "Overwrite $file? (y/N)"
e2e_keys n
e2e_wait "Kept $file"
[ "$(cat "$file")" = "my own notes" ] || fail "n did not keep the file"
[ "$(stat -c '%i %s %y' "$file")" = "$before" ] || fail "n touched the file"
# Esc and Enter are no as well.
e2e_keys p Enter
e2e_wait "Overwrite"
e2e_keys Escape
e2e_wait "Kept $file"
e2e_keys p Enter
e2e_wait "Overwrite"
e2e_keys Enter
e2e_wait "Kept $file"
[ "$(stat -c '%i %s %y' "$file")" = "$before" ] || fail "a no touched the file"

# y replaces it.
e2e_keys p Enter
e2e_wait "Overwrite"
e2e_keys y
e2e_wait "Saved $file"
cmp -s "$file" "$expected" || fail "y did not write the summary"

# Esc in the path prompt saves nothing.
e2e_keys p
e2e_wait "Save summary to:"
e2e_keys Escape
e2e_wait "Not saved"

# Another name, edited like a shell line, with ~ and Markdown.
e2e_keys p C-w
e2e_keys n o t e s . m d Enter
e2e_wait "Saved $E2E_CWD/notes.md"
head -n 1 "$E2E_CWD/notes.md" | grep -q '^# ' || fail "notes.md is not Markdown"

# A failing path: the reason, and the guide keeps running.
e2e_keys p C-u /nonexistent/dir/x.txt Enter
e2e_wait "/nonexistent/dir/x.txt: "
e2e_wait "No such file or directory"
e2e_keys j
e2e_wait "Role 2/"
[ -s "$EXIT_FILE" ] && fail "a failed save ended the program"

# A folder as the target.
mkdir -p "$E2E_CWD/dir.txt"
e2e_keys p C-u d i r . t x t Enter
e2e_wait "$E2E_CWD/dir.txt is a folder"

# The terminal the guide is drawn on is refused, by any name (issue 10).
e2e_keys p C-u /dev/tty Enter
e2e_wait "/dev/tty: that is the terminal the guide is drawn on; choose a file"
e2e_keys p C-u /proc/self/fd/1 Enter
e2e_wait "/proc/self/fd/1: that is the terminal the guide is drawn on"
# A FIFO nobody reads: refused at once, the guide goes on.
mkfifo "$E2E_CWD/fifo"
e2e_keys p C-u f i f o Enter
e2e_wait "nothing is reading from this FIFO"
# An existing file by another name is asked about like any other.
e2e_keys p C-u "/proc/self/cwd/$id1-summary.txt" Enter
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
cp "$expected" "$file"

# From the detail pane and from a search result.
e2e_keys g Enter
e2e_wait "Follow"
e2e_keys p
e2e_wait "Save summary to: ./$id1-summary.txt"
e2e_keys Escape
e2e_wait "Not saved"
id_c=$("$BORDERLESS_BIN" -C "$CONTENT" search customs 2>/dev/null | awk -F '\t' '$1 == "role" { print $2; exit }')
e2e_keys / c u s t o m s
e2e_wait "matches for 'customs'"
e2e_keys Enter
e2e_wait_gone "Search:"
e2e_keys p
e2e_wait "Save summary to: ./$id_c-summary.txt"
e2e_keys Enter
e2e_wait "Saved $E2E_CWD/$id_c-summary.txt"
e2e_keys Escape Escape
e2e_wait_gone "matches for"
# The search began in the detail pane: it is back there.
e2e_wait "Follow"
e2e_keys Escape
e2e_wait_gone "Follow"

# A section has no summary.
e2e_keys G
e2e_wait "Section "
e2e_keys p
e2e_wait "Summaries are for roles; select a role"
e2e_wait_gone "Save summary to:"

# A narrow screen: the prompt scrolls, the path still saves.
e2e_resize 40 12
e2e_keys g p
e2e_wait "Save summary to:"
e2e_keys C-u
long="a-rather-long-file-name-for-a-narrow-screen.txt"
e2e_keys "$long"
e2e_wait "screen.txt"
e2e_keys Enter
e2e_wait "screen.txt"
[ -f "$E2E_CWD/$long" ] || fail "the long name was not saved"

e2e_keys q
e2e_wait_exit 0

# ~ is the home folder.
mkdir -p "$E2E_DIR/home"
e2e_start 100 30 xterm-256color C.UTF-8 "HOME=$E2E_DIR/home"
e2e_wait "Roles"
e2e_keys p C-u '~/mine.txt' Enter
e2e_wait "Saved $E2E_DIR/home/mine.txt"
cmp -s "$E2E_DIR/home/mine.txt" "$expected" || fail "~/mine.txt is not the summary"
e2e_keys q
e2e_wait_exit 0
