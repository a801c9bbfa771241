#!/usr/bin/env bash
# test_summary_cli.sh — `borderless summary` end to end: stdout, -o FILE,
# refusal without --force, --force, formats by option and by extension,
# unknown ids and bad usage; an existing file under any name (/proc/self/cwd,
# /dev/stdin, /dev/fd/N, a link) needs --force, devices and FIFOs are written
# directly.
#
# Needs BORDERLESS_BIN (the built program) and BORDERLESS_SOURCE_DIR (the
# repository, for content/ and tests/golden/).
set -u

bin=${BORDERLESS_BIN:?BORDERLESS_BIN is not set}
src=${BORDERLESS_SOURCE_DIR:?BORDERLESS_SOURCE_DIR is not set}
content="$src/content"
golden="$src/tests/golden"
tmp=$(mktemp -d /tmp/bl-summary-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run EXPECTED_STATUS ARGS...: runs the program, keeps stdout and stderr.
run() {
    local want=$1
    shift
    "$bin" -C "$content" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "borderless $* exited $got, want $want; stderr: $(cat "$tmp/err")"
        return 1
    fi
    return 0
}

same() { cmp -s "$1" "$2" || fail "$3: $1 differs from $2"; }
has() { grep -qF -- "$2" "$1" || fail "$3: '$2' not in $1: $(cat "$1")"; }

cd "$tmp" || exit 1
[ -x "$bin" ] || { echo "FAIL: $bin is not built" >&2; exit 1; }

# To stdout, text by default; -o - is stdout too.
run 0 summary interpol-agent && same out "$golden/interpol-agent.txt" "stdout text"
[ -s err ] && fail "stdout run printed to stderr: $(cat err)"
run 0 summary interpol-agent -o - && same out "$golden/interpol-agent.txt" "-o -"
run 0 summary -f markdown interpol-agent && same out "$golden/interpol-agent.md" "-f markdown"
run 0 summary interpol-agent --format=markdown && same out "$golden/interpol-agent.md" "--format="

# -o FILE creates it, silently.
run 0 summary interpol-agent -o s.txt && same s.txt "$golden/interpol-agent.txt" "-o s.txt"
[ -s out ] && fail "-o printed to stdout"

# Again without --force: exit 1, message, file unchanged.
echo "my notes" >s.txt
run 1 summary interpol-agent -o s.txt
has err "s.txt already exists; use --force" "refusal message"
[ "$(cat s.txt)" = "my notes" ] || fail "s.txt changed without --force"

# --force replaces it (options in any order).
run 0 summary --force -o s.txt interpol-agent && same s.txt "$golden/interpol-agent.txt" "--force"

# The extension picks Markdown; -f wins over it.
run 0 summary interpol-agent -o s.md && same s.md "$golden/interpol-agent.md" ".md"
run 0 summary interpol-agent -o s.markdown && same s.markdown "$golden/interpol-agent.md" ".markdown"
run 0 summary interpol-agent -o t.md -f text && same t.md "$golden/interpol-agent.txt" "-f text .md"

# No temporary files are left behind.
left=$(ls -A | grep -v -x -e out -e err -e s.txt -e s.md -e s.markdown -e t.md -e anywhere.md)
[ -z "$left" ] || fail "files left behind: $left"

# Write errors name the path and the reason.
run 1 summary interpol-agent -o no/such/dir/x.txt
has err "no/such/dir/x.txt: No such file or directory" "missing folder"
mkdir folder
run 1 summary interpol-agent -o folder --force
has err "folder is a folder" "folder as target"
run 0 summary interpol-agent -o /dev/null

# What FILE is decides, not how it is spelled (issue 10): an existing file
# under any name needs --force and is replaced whole, never appended to.
mkdir names && cd names || exit 1
g="$golden/interpol-agent.txt"
echo "my notes" >e.txt
run 1 summary interpol-agent -o /proc/self/cwd/e.txt
has "$tmp/err" "/proc/self/cwd/e.txt already exists; use --force" "/proc/self/cwd refusal"
[ "$(cat e.txt)" = "my notes" ] || fail "/proc/self/cwd/e.txt changed without --force"
"$bin" -C "$content" summary interpol-agent -o /dev/stdin <e.txt >out 2>err
[ $? -eq 1 ] || fail "-o /dev/stdin <e.txt did not refuse"
has err "/dev/stdin leads to $tmp/names/e.txt, which already exists; use --force" "/dev/stdin"
[ "$(cat e.txt)" = "my notes" ] || fail "/dev/stdin <e.txt changed the file"
"$bin" -C "$content" summary interpol-agent -o /dev/fd/5 5<e.txt >out 2>err
[ $? -eq 1 ] || fail "-o /dev/fd/5 5<e.txt did not refuse"
[ "$(cat e.txt)" = "my notes" ] || fail "/dev/fd/5 changed the file"
# /dev/stdout redirected to a file is that file; "-" is standard output.
"$bin" -C "$content" summary interpol-agent -o /dev/stdout >>e.txt 2>err
[ $? -eq 1 ] || fail "-o /dev/stdout >>e.txt did not refuse"
[ "$(cat e.txt)" = "my notes" ] || fail "/dev/stdout >>e.txt changed the file"
"$bin" -C "$content" summary interpol-agent -o - >>e.txt 2>err || fail "-o - >>e.txt failed"
[ "$(head -n 1 e.txt)" = "my notes" ] && [ "$(wc -l <e.txt)" -gt 10 ] ||
    fail "-o - did not append to the shell's redirection"
# With --force the real file is replaced, mode kept, nothing left over.
echo "my notes" >e.txt
chmod 640 e.txt
"$bin" -C "$content" summary interpol-agent --force -o /dev/stdin <e.txt >out 2>err ||
    fail "--force -o /dev/stdin failed: $(cat err)"
same e.txt "$g" "--force -o /dev/stdin"
[ "$(stat -c %a e.txt)" = 640 ] || fail "--force did not keep the mode: $(stat -c %a e.txt)"
run 0 summary interpol-agent --force -o /proc/self/cwd/e.txt && same e.txt "$g" "--force cwd"
# A link: the file it points to, which needs --force; the link stays.
echo "my notes" >e.txt
ln -s e.txt l.txt
run 1 summary interpol-agent -o l.txt && has "$tmp/err" "l.txt leads to" "link refusal"
run 0 summary interpol-agent -o l.txt --force && same e.txt "$g" "--force through a link"
[ -L l.txt ] || fail "the link was replaced by a file"
ln -s nowhere dangling
run 1 summary interpol-agent -o dangling --force && has "$tmp/err" "symbolic link to a missing file" \
    "dangling link"
[ -L dangling ] || fail "the dangling link was replaced"
# A FIFO: written directly when read, refused at once when nobody reads.
mkfifo pipe
exec 3<>pipe # a reader (and a writer, so that opening it does not block)
"$bin" -C "$content" summary interpol-agent -o pipe 2>err || fail "-o FIFO failed: $(cat err)"
exec 4<pipe
exec 3>&-
cat <&4 >fromfifo
exec 4<&-
same fromfifo "$g" "-o FIFO"
run 1 summary interpol-agent -o pipe && has "$tmp/err" "nothing is reading from this FIFO" "FIFO"
"$bin" -C "$content" summary interpol-agent -o /dev/stdout 2>err | cat >piped
same piped "$g" "-o /dev/stdout into a pipe"
left=$(ls -A | grep -v -x -e out -e err -e e.txt -e l.txt -e dangling -e pipe -e fromfifo \
    -e piped)
[ -z "$left" ] || fail "files left behind: $left"
cd "$tmp" || exit 1

# Every role renders in both formats (widths are checked by test_summary).
for id in $("$bin" -C "$content" list | awk -F'\t' '$1 == "role" { print $2 }'); do
    run 0 summary "$id" && [ -s out ] || fail "$id: no text summary"
    run 0 summary "$id" -f md && [ -s out ] || fail "$id: no Markdown summary"
done

# Unknown ids and sections: exit 1.
run 1 summary no-such-role && has err "no-such-role" "unknown id"
run 1 summary training && has err "only roles have summaries" "section id"

# Usage errors: exit 2 with a hint.
run 2 summary interpol-agent -f rtf && has err "unknown format 'rtf'" "bad format"
has err "--help" "usage hint"
run 2 summary interpol-agent -f html && has err "html is for export" "html summary"
run 2 summary && has err "needs a role ID" "no id"

# Several ids: their summaries in the order given, in one file; any unknown
# id writes nothing.
run 0 summary interpol-agent europol-analyst -o two.md || true
{
    cat "$golden/interpol-agent.md"
    printf '\n---\n\n'
    "$bin" -C "$content" summary europol-analyst -f md
} >want.md
same two.md want.md "two ids to Markdown"
run 0 summary europol-analyst interpol-agent || true
{
    "$bin" -C "$content" summary europol-analyst
    printf '\n\n'
    cat "$golden/interpol-agent.txt"
} >want.txt
same out want.txt "two ids to text, in the order given"
run 1 summary interpol-agent no-such-role -o three.md && has err "no-such-role" "unknown id among several"
[ -e three.md ] && fail "an unknown id among several still wrote the file"
run 1 summary interpol-agent training && has err "only roles have summaries" "a section among several"
run 2 summary interpol-agent -o && has err "needs a file name" "-o without a file"
run 2 summary interpol-agent --frobnicate && has err "unknown option '--frobnicate'" "bad option"
run 0 summary --help && has out "Usage: borderless summary" "summary --help"
has out "--output FILE" "summary --help lists -o"
run 2 summary interpol-agent -f && has err "option -f needs a format" "-f without a format"
has err "Try 'borderless summary --help'" "the hint names summary --help"
run 2 summary interpol-agent --output= && has err "needs a file name" "--output= empty"

# Options anywhere: -C after the id, -o before it, -- before an id.
"$bin" summary interpol-agent -C "$content" >"$tmp/out" 2>"$tmp/err" ||
    fail "summary ID -C DIR exited $?: $(cat "$tmp/err")"
same "$tmp/out" "$golden/interpol-agent.txt" "summary ID -C DIR"
run 0 summary -o anywhere.md -- interpol-agent && same anywhere.md "$golden/interpol-agent.md" "-o before --"
# A path with a control character is escaped in the message.
run 1 summary interpol-agent -o "$(printf 'no\033[2Jdir')/x.txt"
grep -q "$(printf '\033')" err && fail "raw ESC in the error message: $(od -c err | head -3)"
has err 'no\e[2Jdir/x.txt' "escaped path"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "summary CLI: all checks passed"
