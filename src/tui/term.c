#include "term.h"

#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t pending_suspend;
static int active;
static SCREEN *screen;

static void on_signal(int sig)
{
    if (sig == SIGTSTP)
        pending_suspend = 1;
    else
        pending_signal = sig;
}

static void set_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a signal interrupts the wait for a key. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTSTP, &sa, NULL);
}

static void reset_handlers(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
}

int term_pending_signal(void)
{
    int s = pending_signal;
    pending_signal = 0;
    return s;
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
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

int term_init(struct term *t)
{
    memset(t, 0, sizeof *t);
    const char *cs = nl_langinfo(CODESET);
    t->ascii = !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
    /* Before curses starts, so that it leaves these signals to us. */
    set_handlers();
    static int registered;
    if (!registered && atexit(term_done) == 0)
        registered = 1;
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        reset_handlers();
        return -1;
    }
    active = 1;
    modes();
    return 0;
}

void term_done(void)
{
    if (!active)
        return;
    active = 0;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    reset_handlers();
}

int term_handle_suspend(void)
{
    if (!pending_suspend)
        return 0;
    pending_suspend = 0;
    if (!active)
        return 0;
    endwin();
    /* Stop for real: the default action, then ours again. */
    signal(SIGTSTP, SIG_DFL);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    raise(SIGTSTP);
    sigprocmask(SIG_SETMASK, &old, NULL);
    set_handlers();
    /* Back: curses restores its modes on the next refresh. */
    reset_prog_mode();
    clearok(curscr, TRUE);
    return 1;
}
