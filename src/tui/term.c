#include "term.h"

#include "borderless/layout.h"
#include "term_probe.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Our own key codes for the bracketed-paste markers (curses leaves codes
 * above KEY_MAX to the program). */
enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END = KEY_MAX + 2 };

/* How long a paste may pause before the rest is taken as keys again (its
 * end marker lost), and how many fast failed reads in a row mean the
 * terminal is gone even when poll does not say so. */
#define PASTE_WAIT_MS 300
#define FAST_ERRORS_GONE 1000

/* Everything here is process-wide by nature: signal dispositions, the
 * terminal's saved modes, and what a signal handler may use. */
static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t pending_since; /* when it came (monotonic s) */
static volatile sig_atomic_t pending_suspend;
static volatile sig_atomic_t pending_winch;
static volatile sig_atomic_t active;
static int ending_signal; /* the signal that ended the guide */
static SCREEN *screen;

static int tty_fd = -1; /* the terminal (curses' output) */
static struct termios shell_modes; /* as the guide found them */
static int have_shell_modes;
/* What a handler writes to give the terminal back; two copies, so that the
 * one a handler may be reading is never the one being rebuilt. */
static char reset_seq[2][512];
static size_t reset_len[2];
static volatile sig_atomic_t reset_cur;
static const char *paste_on, *paste_off; /* bracketed paste, or NULL (while active) */
static char paste_buf[TERM_PASTE_MAX];
static int fast_errors;

/* Default action "end the process".  Asynchronous ones are recorded for the
 * loop; faults restore the terminal from the handler. */
static const int async_sigs[] = {
    SIGHUP,    SIGINT,  SIGTERM, SIGQUIT,   SIGPIPE, SIGALRM,
    SIGUSR1,   SIGUSR2, SIGPROF, SIGVTALRM, SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
    SIGPOLL,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};
static const int fault_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};

static struct sigaction old_action[NSIG];
static unsigned char caught[NSIG]; /* 1: our handler is installed */

/* Async-signal-safe: the precomputed reset sequences and the saved modes. */
static void emergency_restore(void)
{
    if (!active)
        return;
    active = 0;
    if (tty_fd >= 0) {
        int cur = reset_cur;
        size_t off = 0, len = reset_len[cur];
        while (off < len) {
            ssize_t n = write(tty_fd, reset_seq[cur] + off, len - off);
            if (n <= 0 && errno != EINTR)
                break;
            if (n > 0)
                off += (size_t)n;
        }
        if (have_shell_modes)
            tcsetattr(tty_fd, TCSANOW, &shell_modes);
    }
}

/* A signal still pending this long (s) means the loop is stuck: the
 * loop looks every half second. */
#define STUCK_S 2

/* Monotonic seconds; async-signal-safe (clock_gettime). */
static sig_atomic_t mono_s(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (sig_atomic_t)(ts.tv_sec % 1000000000);
}

static void set_pending(int sig)
{
    pending_since = mono_s();
    pending_signal = sig;
}

/* From a handler: end the process by sig, default action. */
static void die_by(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    raise(sig); /* delivered when the handler returns */
}

static void on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGTSTP) {
        pending_suspend = 1;
    } else if (sig == SIGWINCH) {
        pending_winch = 1;
    } else if (pending_signal != 0 && active) {
        /* The same signal again soon after is one event told twice (a
         * terminal that closes sends SIGHUP, and so may its emulator, or
         * the loop already saw it go): the loop still ends the guide in
         * order, saving the session.  Another signal, or one pending for
         * long, means the loop is stuck somewhere: end now. */
        if (sig != pending_signal || mono_s() - pending_since >= STUCK_S) {
            emergency_restore();
            die_by(sig);
        }
    } else {
        set_pending(sig);
    }
    errno = saved;
}

static void on_fault(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    int saved = errno;
    emergency_restore();
    /* The action found at start (the default, or a sanitizer's). */
    sigaction(sig, &old_action[sig], NULL);
    /* A real fault repeats when the handler returns; a sent one does not. */
    if (!info || info->si_code <= 0)
        raise(sig);
    errno = saved;
}

static int catch_sig(int sig, int fault)
{
    if (sig <= 0 || sig >= NSIG || caught[sig])
        return 0;
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0)
        return -1;
    /* Ignored when we started (nohup): leave it so. */
    if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN)
        return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    if (fault) {
        sa.sa_sigaction = on_fault;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    } else {
        sa.sa_handler = on_signal;
        /* No SA_RESTART: a signal interrupts the wait for a key. */
        for (size_t i = 0; i < sizeof async_sigs / sizeof async_sigs[0]; i++)
            sigaddset(&sa.sa_mask, async_sigs[i]);
    }
    if (sigaction(sig, &sa, NULL) != 0)
        return -1;
    old_action[sig] = old;
    caught[sig] = 1;
    return 0;
}

/* A stack for the fault handler, so a stack overflow still restores the
 * terminal (unless something, a sanitizer, already set one). */
static void alt_stack(void)
{
    static char stack[1 << 16];
    stack_t old;
    if (sigaltstack(NULL, &old) != 0 || !(old.ss_flags & SS_DISABLE))
        return;
    stack_t ss = {.ss_sp = stack, .ss_size = sizeof stack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
}

static void set_handlers(void)
{
    for (size_t i = 0; i < sizeof async_sigs / sizeof async_sigs[0]; i++)
        catch_sig(async_sigs[i], 0);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        catch_sig(s, 0);
    catch_sig(SIGTSTP, 0);
    /* Ours, not curses': the new size is bounded before curses sees it. */
    catch_sig(SIGWINCH, 0);
    alt_stack();
    for (size_t i = 0; i < sizeof fault_sigs / sizeof fault_sigs[0]; i++)
        catch_sig(fault_sigs[i], 1);
}

static void reset_handlers(void)
{
    for (int s = 1; s < NSIG; s++) {
        if (!caught[s])
            continue;
        sigaction(s, &old_action[s], NULL);
        caught[s] = 0;
    }
}

int term_pending_signal(void)
{
    int s = pending_signal;
    pending_signal = 0;
    if (s)
        ending_signal = s;
    return s;
}

void term_reraise(void)
{
    int sig = ending_signal;
    ending_signal = 0;
    if (sig <= 0 || sig >= NSIG || sig == SIGINT)
        return;
    struct sigaction cur;
    if (sigaction(sig, NULL, &cur) == 0 && !(cur.sa_flags & SA_SIGINFO) &&
        cur.sa_handler == SIG_IGN)
        return; /* a hang-up under nohup: the exit status says it */
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* A capability string of TERM's entry, or NULL. */
static const char *cap(const char *name)
{
    char *v = tigetstr(name);
    return v && v != (char *)-1 && *v ? v : NULL;
}

/* Appends a capability string, without its padding ("$<5>": tputs() would
 * wait, which the terminals that still ask for it no longer need). */
static void add_reset(int to, const char *seq)
{
    char buf[128];
    size_t n = 0;
    for (const char *p = seq; p && *p && n < sizeof buf; p++) {
        const char *end;
        if (p[0] == '$' && p[1] == '<' && (end = strchr(p, '>')) != NULL) {
            p = end;
            continue;
        }
        buf[n++] = *p;
    }
    if (n && reset_len[to] + n <= sizeof reset_seq[to]) {
        memcpy(reset_seq[to] + reset_len[to], buf, n);
        reset_len[to] += n;
    }
}

/* Writes a sequence of our own now (putp() goes through stdio, which
 * curses' own output does not flush). */
static void send(const char *seq)
{
    putp(seq);
    fflush(stdout);
}

/* Bracketed paste where the terminal offers it: its entry says so (BE/BD),
 * or it reports the mouse the way xterm does (which every terminal that
 * knows bracketed paste does too; others ignore the private mode). */
static void find_paste_mode(void)
{
    paste_on = cap("BE");
    paste_off = cap("BD");
    const char *km = cap("kmous");
    if ((!paste_on || !paste_off) && km &&
        (strcmp(km, "\033[M") == 0 || strcmp(km, "\033[<") == 0)) {
        paste_on = "\033[?2004h";
        paste_off = "\033[?2004l";
    }
    if (!paste_on || !paste_off)
        paste_on = paste_off = NULL;
}

/* What a signal handler writes to give the terminal back: what endwin()
 * would undo, precomputed (a handler may not call curses).  Again after a
 * resize: without an alternate screen, the cursor goes to the last line. */
static void build_reset(void)
{
    int to = !reset_cur;
    reset_len[to] = 0;
    /* CAN first: the handler may have cut curses off in the middle of an
     * escape sequence, which CAN abandons (elsewhere it does nothing). */
    add_reset(to, "\030");
    add_reset(to, paste_off);
    if (cap("kmous"))
        add_reset(to, "\033[?1006l\033[?1002l\033[?1000l");
    add_reset(to, cap("rmkx"));
    add_reset(to, cap("sgr0"));
    add_reset(to, cap("cnorm"));
    const char *cup = cap("cup");
    if (cap("rmcup"))
        add_reset(to, cap("rmcup"));
    else if (cup && LINES > 0)
        add_reset(to, tiparm(cup, LINES - 1, 0));
    reset_cur = to;
}

/* Software flow control off (Ctrl-S must not freeze the guide), kept as
 * curses' "program mode" so that a resume after Ctrl-Z restores it. */
static void flow_control_off(void)
{
    struct termios tio;
    if (tty_fd < 0 || tcgetattr(tty_fd, &tio) != 0)
        return;
    tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    if (tcsetattr(tty_fd, TCSANOW, &tio) == 0)
        def_prog_mode();
}

static void modes(void)
{
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    /* The cursor marks the focused item for screen readers. */
    if (curs_set(1) == ERR)
        curs_set(2);
    /* Home and End as other terminals send them (VT220, rxvt, xterm in
     * normal mode), when TERM's entry does not already name them: the
     * same key must work everywhere (as in htop). */
    static const struct {
        const char *seq;
        int key;
    } extra[] = {
        {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
        {"\033[8~", KEY_END},  {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
        {"\033OH", KEY_HOME},  {"\033OF", KEY_END},  {"\033[3~", KEY_DC},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (key_defined(extra[i].seq) == 0)
            define_key(extra[i].seq, extra[i].key);
    /* The paste markers, whether or not we asked for them: a paste is
     * never taken as keys. */
    define_key("\033[200~", KEY_PASTE_BEGIN);
    define_key("\033[201~", KEY_PASTE_END);
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    flow_control_off();
    find_paste_mode();
    if (paste_on)
        send(paste_on);
}

int term_usable(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return 0;
    const char *name = getenv("TERM");
    return name && *name && term_probe_usable(name, STDOUT_FILENO);
}

/* The terminal's size, bounded; 0 when it does not say. */
static int window_size(int *h, int *w)
{
    struct winsize ws;
    if (tty_fd < 0 || ioctl(tty_fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return 0;
    *h = ws.ws_row > TERM_MAX_SIZE ? TERM_MAX_SIZE : ws.ws_row;
    *w = ws.ws_col > TERM_MAX_SIZE ? TERM_MAX_SIZE : ws.ws_col;
    return 1;
}

/* newterm() with the real window size, never LINES/COLUMNS from the
 * environment (a stale COLUMNS=120 garbles an 80-column screen), and
 * never more than TERM_MAX_SIZE either way. */
static SCREEN *open_screen(void)
{
    struct winsize ws;
    int big = ioctl(tty_fd, TIOCGWINSZ, &ws) == 0 &&
        (ws.ws_row > TERM_MAX_SIZE || ws.ws_col > TERM_MAX_SIZE);
    if (!big) {
        use_env(FALSE);
        use_tioctl(TRUE);
        return newterm(NULL, stdout, stdin);
    }
    /* Too big: curses takes the bounded size from the environment, this
     * once, which is then put back as it was. */
    int h = 24, w = 80;
    window_size(&h, &w);
    const char *names[2] = {"LINES", "COLUMNS"};
    char *old[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        const char *v = getenv(names[i]);
        old[i] = v ? strdup(v) : NULL;
        char num[16];
        snprintf(num, sizeof num, "%d", i == 0 ? h : w);
        setenv(names[i], num, 1);
    }
    use_env(TRUE);
    use_tioctl(FALSE);
    SCREEN *sp = newterm(NULL, stdout, stdin);
    for (int i = 0; i < 2; i++) {
        if (old[i])
            setenv(names[i], old[i], 1);
        else
            unsetenv(names[i]);
        free(old[i]);
    }
    use_env(FALSE);
    use_tioctl(TRUE);
    return sp;
}

int term_init(struct term *t)
{
    memset(t, 0, sizeof *t);
    const char *cs = nl_langinfo(CODESET);
    t->ascii = !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
    tty_fd = fileno(stdout);
    have_shell_modes = tcgetattr(tty_fd, &shell_modes) == 0;
    /* Before curses starts, so that it leaves these signals to us. */
    set_handlers();
    static int registered;
    if (!registered && atexit(term_done) == 0)
        registered = 1;
    screen = open_screen();
    if (!screen) {
        reset_handlers();
        return -1;
    }
    if (!term_probe_current()) {
        endwin();
        delscreen(screen);
        screen = NULL;
        reset_handlers();
        return -1;
    }
    modes();
    build_reset();
    fast_errors = 0;
    active = 1;
    return 0;
}

void term_done(void)
{
    if (!active)
        return;
    active = 0;
    if (paste_off)
        send(paste_off);
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    paste_on = paste_off = NULL; /* they pointed into the terminal's entry */
    reset_handlers();
}

int term_handle_suspend(void)
{
    if (!pending_suspend)
        return 0;
    pending_suspend = 0;
    if (!active)
        return 0;
    if (paste_off)
        send(paste_off);
    endwin();
    /* Stop for real: the default action, then ours again. */
    struct sigaction dfl, ours;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &ours);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    raise(SIGTSTP);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &ours, NULL);
    /* Back: curses restores its modes on the next refresh. */
    reset_prog_mode();
    if (paste_on)
        send(paste_on);
    clearok(curscr, TRUE);
    /* The size may have changed while we were stopped. */
    pending_winch = 1;
    return 1;
}

void term_redraw_all(void)
{
    clearok(curscr, TRUE);
}

/* ---- input ----------------------------------------------------------- */

/* 1 when the terminal has gone away (hang-up): poll says so, the read
 * failed with EIO, or reads keep failing at once. */
static int terminal_gone(int read_errno, long elapsed_ms)
{
    int fd = STDIN_FILENO;
    struct pollfd p = {.fd = fd, .events = POLLIN, .revents = 0};
    if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
        return 1;
    if (read_errno == EIO || read_errno == EBADF)
        return 1;
    if (elapsed_ms < 5 && read_errno != EINTR && !pending_winch && !pending_signal &&
        !pending_suspend) {
        if (++fast_errors >= FAST_ERRORS_GONE)
            return 1;
    } else {
        fast_errors = 0;
    }
    return 0;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One read from curses: OK with a character, KEY_CODE_YES with a key
 * code, or ERR.  A terminal whose locale is not UTF-8 is read byte by
 * byte: curses' multibyte decoding can swallow the keys after a byte its
 * locale does not know, and the prompt takes only ASCII there anyway. */
static int get_one(const struct term *t, int *code)
{
    if (t->ascii) {
        int c = wgetch(stdscr);
        *code = c;
        return c == ERR ? ERR : c >= KEY_MIN ? KEY_CODE_YES : OK;
    }
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    *code = (int)ch;
    return r == KEY_CODE_YES ? KEY_CODE_YES : r == OK ? OK : ERR;
}

/* After the begin marker: the text up to the end marker, as it comes;
 * keys inside are dropped, and so is what is beyond TERM_PASTE_MAX. */
static size_t read_paste(const struct term *t)
{
    int delay = wgetdelay(stdscr);
    wtimeout(stdscr, PASTE_WAIT_MS);
    size_t n = 0;
    long last = now_ms();
    for (;;) {
        int c;
        errno = 0;
        int r = get_one(t, &c);
        if (r == ERR) {
            /* A resize interrupted the wait: the paste goes on. */
            if (errno == EINTR && !pending_signal && !pending_suspend &&
                now_ms() - last < PASTE_WAIT_MS)
                continue;
            break; /* no end marker in time: the paste is over */
        }
        last = now_ms();
        if (r == KEY_CODE_YES) {
            if (c == KEY_PASTE_END)
                break;
            continue;
        }
        char u[4];
        size_t k;
        if (t->ascii) {
            if (c < 0 || c > 0x7F)
                continue; /* only ASCII is sure in an unknown encoding */
            u[0] = (char)c;
            k = 1;
        } else {
            bl_glyph g = {.cp = c, .width = 1, .len = 1};
            k = c >= 0 && c <= 0x10FFFF ? bl_glyph_encode(&g, 0, u) : 0;
        }
        if (k && n + k <= sizeof paste_buf) {
            memcpy(paste_buf + n, u, k);
            n += k;
        }
    }
    wtimeout(stdscr, delay);
    return n;
}

static int take_resize(void)
{
    if (!pending_winch)
        return 0;
    pending_winch = 0;
    int h, w;
    if (!window_size(&h, &w))
        return 0;
    resize_term(h, w);
    clearok(curscr, TRUE);
    build_reset();
    return 1;
}

void term_read(const struct term *t, struct term_input *in)
{
    memset(in, 0, sizeof *in);
    if (take_resize()) {
        in->kind = TERM_IN_FN;
        in->key = KEY_RESIZE;
        return;
    }
    long start = now_ms();
    errno = 0;
    int c;
    int r = get_one(t, &c);
    if (r == ERR) {
        int e = errno;
        if (take_resize()) {
            in->kind = TERM_IN_FN;
            in->key = KEY_RESIZE;
        } else if (terminal_gone(e, now_ms() - start) && !pending_signal) {
            /* As if the hang-up signal came (it is ignored, or not sent to
             * us): end now instead of reading a dead terminal forever. */
            set_pending(SIGHUP);
        }
        return;
    }
    fast_errors = 0;
    if (r == KEY_CODE_YES) {
        if (c == KEY_PASTE_BEGIN) {
            in->kind = TERM_IN_PASTE;
            in->text = paste_buf;
            in->len = read_paste(t);
            return;
        }
        if (c == KEY_PASTE_END)
            return; /* a stray end marker */
        in->kind = TERM_IN_FN;
        in->key = c;
        return;
    }
    in->kind = TERM_IN_KEY;
    in->key = c;
}
