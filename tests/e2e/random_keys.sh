#!/bin/bash
# A bounded random-key run: random keys, bytes, partial escape sequences,
# bracketed-paste markers (with and without their end), mouse reports,
# pastes and resizes, from a fixed seed.  The guide must survive until it is
# told to quit, then exit 0 and leave the terminal sane.  Run under the
# sanitizer build in CI, where any memory error ends it at once.
. "$(dirname "$0")/lib.sh"

SEED=${RANDOM_KEYS_SEED:-1010}
STEPS=${RANDOM_KEYS_STEPS:-400}
RANDOM=$SEED

# Whatever a user could send, except what ends or stops the guide for real:
# q (quit), F10, Ctrl-C, Ctrl-\ and Ctrl-Z are left out.
keys=(j k g G h l n N '[' ']' / p '?' Enter Escape Tab BTab BSpace DC Up Down Left Right
      PPage NPage Home End F1 F2 Space C-a C-b C-d C-e C-f C-g C-k C-l C-n C-p C-s
      C-q C-u C-w a b x y Y z 0 9 é 中 ä· 😀)
# Raw byte strings (hex, for send-keys -H).
raw=(1b "1b 5b" "1b 5b 31 3b" "1b 4f" "1b 5b 32 30" "1b 5b 32 30 30 7e"
     "1b 5b 32 30 31 7e" "1b 5b 3c 30 3b" "1b 5b 3c 30 3b 31 30 3b 35 4d"
     "1b 5b 3c 36 34 3b 35 3b 35 4d" "1b 5b 3c 36 35 3b 35 3b 35 4d"
     "1b 5b 4d 20 21 21" "1b 5b 35 7e" "1b 5b 36 7e" ff fe c3 "e4 b8" 80
     00 01 07 08 0f 10 11 13 16 17 18 7f "1b 1b" "1b 5b 3f 32 30 30 34 68")

E2E_CWD=$E2E_DIR
E2E_TIMEOUT=20
e2e_start 100 30
e2e_wait "$E2E_MENU"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"

for ((step = 1; step <= STEPS; step++)); do
    r=$((RANDOM % 100))
    if [ $r -lt 55 ]; then
        # One to four keys in one go (as fast as a typist, or faster).
        batch=()
        for ((k = RANDOM % 4; k >= 0; k--)); do
            batch+=("${keys[RANDOM % ${#keys[@]}]}")
        done
        e2e_keys "${batch[@]}"
    elif [ $r -lt 80 ]; then
        # shellcheck disable=SC2086
        tm send-keys -H ${raw[RANDOM % ${#raw[@]}]} || fail "send-keys -H"
    elif [ $r -lt 88 ]; then
        e2e_paste "$(printf 'pasted %d\nq\tline\033[A\r%s' $RANDOM "${keys[RANDOM % ${#keys[@]}]}")"
    elif [ $r -lt 97 ]; then
        e2e_resize $((10 + RANDOM % 190)) $((3 + RANDOM % 60))
    else
        # A paste begin marker whose end never comes, then keys.
        tm send-keys -H 1b 5b 32 30 30 7e 61 62 || fail "send-keys -H"
    fi
    if ((step % 50 == 0)); then
        kill -0 "$pid" 2>/dev/null && [ ! -s "$EXIT_FILE" ] ||
            fail "the guide ended at step $step (seed $SEED): $(cat "$EXIT_FILE" 2>/dev/null)"
    fi
done

# Told to quit: a usable size, close whatever is open, then Ctrl-C (quits
# from anywhere, prompts included).
e2e_resize 100 30
e2e_keys Escape Escape
e2e_keys C-c
e2e_wait_exit 0
e2e_term_restored "after $STEPS random steps (seed $SEED)"
