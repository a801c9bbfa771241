# lib.sh — drive the real borderless binary in a private tmux server.
#
# Each test sources this file, calls e2e_start, sends keys with e2e_keys,
# and waits for the screen with e2e_wait (polling capture-pane until a
# deadline; no fixed sleeps).  The server is killed on exit, whatever
# happens.  Needs BORDERLESS_BIN and BORDERLESS_SOURCE_DIR (set by CTest).

set -u

: "${BORDERLESS_BIN:?set by CTest}"
: "${BORDERLESS_SOURCE_DIR:?set by CTest}"
CONTENT="$BORDERLESS_SOURCE_DIR/content"
# A heading the menu always shows at its top: the first group's title (the
# menu lists roles by group), "Roles" for content without groups.
E2E_MENU=$(awk '/^groups:/ {g = 1; next} g && /title:/ {sub(/^.*title: */, ""); print; exit}' \
    "$CONTENT/sections.yaml")
E2E_MENU=${E2E_MENU:-Roles}
E2E_MENU=${E2E_MENU:0:20}
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bl-e2e.XXXXXX")
SOCK="$E2E_DIR/tmux.0.sock"
EXIT_FILE="$E2E_DIR/exit"
E2E_RUN=0
E2E_TIMEOUT=${E2E_TIMEOUT:-10}

# -u and a UTF-8 locale for tmux itself, whatever the caller has.
tm() { LC_ALL=C.UTF-8 tmux -u -S "$SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
    tm kill-server >/dev/null 2>&1
    [ -n "${E2E_KEEP:-}" ] && return
    rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    tm capture-pane -p >&2 2>/dev/null
    echo "----------------" >&2
    exit 1
}

# e2e_start [WIDTH HEIGHT [TERM [LANG [extra env...]]]]: runs the guide in a
# new session (in the folder $E2E_CWD, if set); its exit status lands in
# $EXIT_FILE, and the terminal's modes after it (stty -a) in $EXIT_FILE.stty
# (written first).  $E2E_WRAP, if set, goes before the command (a wrapper
# such as "env --ignore-signal=HUP "); $E2E_AFTER (default: sleep) runs in
# the pane after the guide, with the exit file as $2.
e2e_start() {
    local w=${1:-100} h=${2:-30} term=${3:-xterm-256color} lang=${4:-C.UTF-8}
    # A fresh server (and socket) for every run.
    tm kill-server >/dev/null 2>&1
    E2E_RUN=$((E2E_RUN + 1))
    SOCK="$E2E_DIR/tmux.$E2E_RUN.sock"
    rm -f "$EXIT_FILE" "$EXIT_FILE.stty" "$EXIT_FILE.after"
    shift 4 2>/dev/null || shift $#
    # The guide's own files (shortlist, session) in a fresh folder for every
    # run, never the user's; $E2E_STATE names one to share between runs.
    local xdg=${E2E_STATE:-$E2E_DIR/xdg.$E2E_RUN}
    local envs=" XDG_DATA_HOME=$xdg/data XDG_STATE_HOME=$xdg/state"
    for e in "$@"; do envs="$envs $e"; done
    # bash (not sh) keeps going after the child handles SIGINT itself.
    tm new-session -d -x "$w" -y "$h" -c "${E2E_CWD:-$PWD}" \
        "env -u NO_COLOR LANG=$lang LC_ALL=$lang TERM=$term$envs bash -c '${E2E_WRAP:-}\"\$0\" -C \"\$1\"; s=\$?; stty -a > \"\$2.stty\" 2>&1; echo EXIT=\$s > \"\$2\"; ${E2E_AFTER:-sleep 600}' '$BORDERLESS_BIN' '$CONTENT' '$EXIT_FILE'" \
        || fail "cannot start tmux"
    tm set-option -g status off >/dev/null 2>&1
}

e2e_screen() { tm capture-pane -p; }
e2e_keys() { tm send-keys "$@" || fail "send-keys $*"; }

# e2e_wait TEXT [MESSAGE]: until the screen shows TEXT (fixed string).
e2e_wait() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        e2e_screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    fail "${2:-screen never showed '$1'}"
}

# e2e_wait_gone TEXT [MESSAGE]: until the screen no longer shows TEXT.
e2e_wait_gone() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        e2e_screen | grep -qF -- "$1" || return 0
        sleep 0.1
    done
    fail "${2:-screen kept showing '$1'}"
}

# e2e_wait_exit STATUS: until the program exits with STATUS.
e2e_wait_exit() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        if [ -s "$EXIT_FILE" ]; then
            grep -qx "EXIT=$1" "$EXIT_FILE" && return 0
            fail "exit status: $(cat "$EXIT_FILE"), expected $1"
        fi
        sleep 0.1
    done
    fail "the program did not exit"
}

# e2e_resize W H
e2e_resize() { tm resize-window -x "$1" -y "$2" || fail "resize to $1x$2"; }

# Line N (1-based) of the screen.
e2e_line() { e2e_screen | sed -n "${1}p"; }

# e2e_wait_line N REGEX [MESSAGE]: until line N matches REGEX (characters,
# not bytes).
e2e_wait_line() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        e2e_line "$1" | LC_ALL=C.UTF-8 grep -q -- "$2" && return 0
        sleep 0.1
    done
    fail "${3:-line $1 never matched '$2'}"
}

# Titles of the roles, in reading order, from the program itself.
role_title() {
    "$BORDERLESS_BIN" -C "$CONTENT" list | awk -F '\t' -v n="$1" '$1 == "role" { if (++i == n) print $3 }'
}
role_id() {
    "$BORDERLESS_BIN" -C "$CONTENT" list | awk -F '\t' -v n="$1" '$1 == "role" { if (++i == n) print $2 }'
}

# PID of the borderless process in the pane.
e2e_pid() {
    local shell_pid
    shell_pid=$(tm display-message -p '#{pane_pid}') || return 1
    pgrep -P "$shell_pid" | head -n 1
}

# The text of the screen line the hardware cursor is on.
e2e_cursor_line() {
    local y
    y=$(tm display-message -p '#{cursor_y}')
    e2e_line $((y + 1))
}

# The screen with its attributes (SGR escape sequences).
e2e_screen_sgr() { tm capture-pane -p -e; }

# The text under and after the hardware cursor on its line.
e2e_at_cursor() {
    local x line
    x=$(tm display-message -p '#{cursor_x}')
    line=$(e2e_cursor_line)
    LC_ALL=C.UTF-8 bash -c 'printf "%s\n" "${1:$2}"' _ "$line" "$x"
}

# e2e_wait_cursor TEXT [MESSAGE]: until the text at the cursor starts with TEXT.
e2e_wait_cursor() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        case "$(e2e_at_cursor)" in "$1"*) return 0 ;; esac
        sleep 0.1
    done
    fail "${2:-the cursor is not on '$1' but on '$(e2e_at_cursor)'}"
}

# e2e_wait_exit_any: until the program exits; prints its status.
e2e_wait_exit_any() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        if [ -s "$EXIT_FILE" ]; then
            sed -n 's/^EXIT=//p' "$EXIT_FILE"
            return 0
        fi
        sleep 0.1
    done
    fail "the program did not exit"
}

# e2e_term_restored [WHAT]: after the program exited, the terminal is as a
# shell wants it: echo, canonical input, signals and flow control back on
# (stty -a in the pane), the normal screen, no mouse reporting, cursor keys
# and keypad in normal mode.
e2e_term_restored() {
    local what=${1:-} modes flags
    [ -s "$EXIT_FILE.stty" ] || fail "$what: no stty output"
    modes=$(tr -s ' \n' '\n\n' < "$EXIT_FILE.stty")
    for m in echo icanon isig ixon icrnl opost; do
        grep -qx -- "$m" <<<"$modes" || fail "$what: '$m' is not back on: $(cat "$EXIT_FILE.stty")"
    done
    flags=$(tm display-message -p '#{alternate_on} #{mouse_any_flag} #{keypad_cursor_flag} #{keypad_flag}')
    [ "$flags" = "0 0 0 0" ] || fail "$what: alternate screen, mouse, cursor keys, keypad: $flags"
}

# e2e_paste TEXT: pastes TEXT as a terminal does (bracketed when the program
# asked for it).
e2e_paste() {
    tm set-buffer -- "$1" || fail "set-buffer"
    tm paste-buffer -p || fail "paste-buffer"
}

# e2e_wait_pid_gone PID MS WHAT: until PID has ended (gone, or a zombie
# waiting for its new parent to reap it), within MS milliseconds.
e2e_wait_pid_gone() {
    local pid=$1 ms=$2 what=$3 waited=0 state
    while [ $waited -lt "$ms" ]; do
        state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 0
        [ -z "$state" ] || [ "$state" = Z ] && return 0
        sleep 0.05
        waited=$((waited + 50))
    done
    fail "$what: still running ${ms} ms later (state $state)"
}

# e2e_wait_file FILE REGEX [MESSAGE]: until FILE has a line matching REGEX.
e2e_wait_file() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        grep -q -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "${3:-$1 never had a line matching '$2'}"
}

# e2e_step TEXT KEY...: sends the keys, then waits until the screen shows
# TEXT.  TEXT must not be on the screen before the keys are sent: a wait
# that the screen already satisfies returns at once, before the keys took
# effect, and the next keys race with them.  Pick text that only the step
# brings (a message, not the name just typed: the prompt shows that before
# Enter is read).
e2e_step() {
    local text=$1
    shift
    e2e_screen | grep -qF -- "$text" && fail "ambiguous wait: '$text' is on the screen before $*"
    e2e_keys "$@"
    e2e_wait "$text" "the screen never showed '$text' after $*"
}
