#!/bin/bash
# A paste is text, never keys: several lines pasted into a prompt become one
# line, and a paste anywhere else does nothing.
. "$(dirname "$0")/lib.sh"

E2E_CWD=$E2E_DIR
e2e_start 100 30
e2e_wait "Role 1/"

# Outside a prompt: ignored ("q" would quit, "j" would move).
e2e_paste "$(printf 'jjj\nq\n')"
e2e_keys '?'
e2e_wait "Show this help" "the guide did not survive a paste"
e2e_paste "$(printf 'j\nq')"
e2e_wait "Show this help" "a paste closed the help"
e2e_keys Escape
e2e_wait_gone "Show this help"
e2e_wait "Role 1/"

# The search prompt: line breaks and tabs become spaces, nothing runs.
e2e_keys /
e2e_wait "Search:"
e2e_paste "$(printf 'cyber\nq\tcrime\nfraud')"
e2e_wait "Search: cyber q crime fraud" "the paste did not land in the prompt as one line"
e2e_keys Escape
e2e_wait_gone "Search:"

# The save prompt: the same; Enter saves under the pasted name.
e2e_keys p
e2e_wait "Save summary (.md: Markdown) to:"
e2e_keys C-u
e2e_paste "$(printf 'notes\nq.txt')"
e2e_wait "to: notes q.txt"
e2e_keys Enter
e2e_wait "Saved"
[ -s "$E2E_DIR/notes q.txt" ] || fail "nothing saved under the pasted name"

# A paste is no answer to a question.
e2e_keys p
e2e_wait "Save summary (.md: Markdown) to:"
e2e_keys C-u
e2e_paste "notes q.txt"
e2e_keys Enter
e2e_wait "Overwrite"
e2e_paste "y"
e2e_keys n
e2e_wait "Kept"

e2e_keys q
e2e_wait_exit 0
e2e_term_restored "q"
