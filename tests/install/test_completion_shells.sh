#!/usr/bin/env bash
# test_completion_shells.sh — completion/_borderless in a real zsh and
# completion/borderless.fish in a real fish: commands, options, the ids after
# `show` and `summary` (from the program named by the command word, with the
# -C DIR typed before), summary's formats and the themes.
#
# fish answers `complete --do-complete` without a terminal; zsh's completion
# system needs its line editor, so zsh runs in a private tmux server and the
# test types a line, presses Tab, and polls the screen until the expected
# candidates appear or a deadline passes.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$BORDERLESS_SOURCE_DIR
FIX=$SRC/tests/fixtures/base
cmd=""
rc=0

# The program under the name the completions are for, first on PATH.
mkdir -p "$T/bin"
ln -s "$BORDERLESS_BIN" "$T/bin/borderless"
export PATH=$T/bin:$PATH

for shell in fish zsh tmux; do
    if ! command -v $shell >/dev/null; then
        echo "FAIL: $shell not found (scripts/quickstart test installs it)"
        exit 1
    fi
done

# --- fish --------------------------------------------------------------
# fish_complete LINE — the candidates fish offers for LINE, one a line
# (the words only, sorted), in $T/got.
fish_complete() {
    cmd="fish: complete -C '$1'"
    HOME=$T fish --no-config -c "source '$SRC/completion/borderless.fish'; complete -C '$1'" \
        >"$T/out" 2>"$T/err"
    rc=$?
    cut -f1 "$T/out" | sort >"$T/got"
}

# expect_has WORD... — each WORD is among the candidates.
expect_has() {
    local w
    for w in "$@"; do
        checks=$((checks + 1))
        grep -qxF -- "$w" "$T/got" || fail "expected the candidate '$w'"
    done
}

# expect_lacks WORD... — no WORD is among the candidates.
expect_lacks() {
    local w
    for w in "$@"; do
        checks=$((checks + 1))
        ! grep -qxF -- "$w" "$T/got" || fail "did not expect the candidate '$w'"
    done
}

begin "fish: commands"
fish_complete "borderless "
expect_rc 0
expect_has check list show search summary help
expect_lacks alpha

begin "fish: ids after show, from -C DIR"
fish_complete "borderless -C $FIX show "
expect_has alpha beta

begin "fish: ids after summary"
fish_complete "borderless -C $FIX summary "
expect_has alpha beta

begin "fish: formats after summary -f"
fish_complete "borderless -C $FIX summary alpha -f "
expect_has text markdown
expect_lacks alpha

begin "fish: summary options"
fish_complete "borderless summary alpha --"
expect_has --output --format --force

begin "fish: compare's ids and options"
fish_complete "borderless -C $FIX compare alpha "
expect_has alpha beta
fish_complete "borderless compare alpha --"
expect_has --differences --format --output --width

begin "fish: themes"
fish_complete "borderless --theme "
expect_has light dark mono

# --- zsh ---------------------------------------------------------------
# Each case gets a server of its own (a fresh socket), so that no case
# races the shutdown of the one before.
n=0
SOCK=$T/tmux0.sock
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }
trap 'for s in "$T"/tmux*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"' EXIT

mkdir -p "$T/zsh"
cat >"$T/zsh/.zshrc" <<ZRC
fpath=('$SRC/completion' \$fpath)
autoload -Uz compinit && compinit -u -d '$T/zsh/compdump'
zstyle ':completion:*' list-rows-first true
PS1='zsh> '
# Tell the test when the line editor is ready for keys, with a message under
# the prompt (keys typed before that are typeahead, and zsh lists nothing
# for a Tab typed ahead).
zle-line-init() { zle -M zle-ready }
zle -N zle-line-init
ZRC

# zsh_complete LINE — types LINE in a fresh zsh, presses Tab and leaves the
# screen in $T/got once it shows every word of $want or 30 s have passed
# (the first run builds the completion dump, slow on a loaded machine).
zsh_complete() {
    local line=$1 w deadline ok
    cmd="zsh: $line<Tab>"
    tm kill-server 2>/dev/null
    n=$((n + 1))
    SOCK=$T/tmux$n.sock
    tm new-session -d -x 150 -y 30 \
        "env -i PATH='$PATH' HOME='$T' TERM=xterm ZDOTDIR='$T/zsh' LC_ALL=C.UTF-8 zsh -i"
    deadline=$((SECONDS + 30))
    until tm capture-pane -p | grep -q '^zle-ready *$'; do
        [ $SECONDS -lt $deadline ] || break
        sleep 0.05
    done
    tm send-keys -l "$line"
    # Tab only once zsh has echoed the whole line: keys that arrive while it
    # is still busy count as typed ahead, and zsh lists nothing for them.
    # (capture-pane drops the spaces at the end of a line).
    until tm capture-pane -p | grep -qF -- "zsh> ${line% }"; do
        [ $SECONDS -lt $deadline ] || break
        sleep 0.05
    done
    tm send-keys Tab
    while :; do
        tm capture-pane -p >"$T/got"
        ok=1
        for w in $want; do
            grep -qw -- "$w" "$T/got" || ok=
        done
        [ -n "$ok" ] && break
        [ $SECONDS -lt $deadline ] || break
        sleep 0.05
    done
}

# zsh_expect — every word of $want is on the screen.
zsh_expect() {
    local w
    for w in $want; do
        checks=$((checks + 1))
        grep -qw -- "$w" "$T/got" ||
            { fail "expected '$w' on the screen:"; sed 's/^/    | /' "$T/got"; }
    done
}

begin "zsh: commands"
want="check list show search summary help"
zsh_complete "borderless "
zsh_expect

begin "zsh: ids after show, from -C DIR"
want="alpha beta"
zsh_complete "borderless -C $FIX show "
zsh_expect

begin "zsh: formats after summary -f"
want="text markdown"
zsh_complete "borderless -C $FIX summary alpha -f "
zsh_expect

begin "zsh: ids after compare"
want="alpha beta"
zsh_complete "borderless -C $FIX compare alpha "
zsh_expect

begin "zsh: themes"
want="light dark mono"
zsh_complete "borderless --theme="
zsh_expect

finish
