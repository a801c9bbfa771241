/* runx — time whole processes: each command run RUNS times, the commands
 * taking turns (so that a busy moment of the machine weighs on all alike),
 * standard output to /dev/null.
 *
 *     runx RUNS CMD ARGS... [-- CMD ARGS...]...
 *
 * Prints one line per command: "median_ms max_rss_kib exit_status
 * median_exit_ms" (the peak resident set of its runs, from wait4).  A
 * command may mark the moment that counts: it gets a pipe's descriptor in
 * $RUNX_MARK_FD and writes its CLOCK_MONOTONIC time there (8 bytes of
 * nanoseconds); its time is then until that mark, not until it exits
 * (bench/first_screen marks its first screen).  A run that cannot start is
 * an error (exit 1); a command's own exit status is reported, not judged.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 16
#define MAX_RUNS 50

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = argc > 2 ? atoi(argv[1]) : 0;
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: runx RUNS(1-%d) CMD ARGS... [-- CMD ARGS...]...\n", MAX_RUNS);
        return 2;
    }
    char **cmds[MAX_CMDS];
    int n = 0;
    cmds[n++] = &argv[2];
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            argv[i] = NULL;
            if (n == MAX_CMDS || i + 1 >= argc)
                return 2;
            cmds[n++] = &argv[i + 1];
        }
    static double t[MAX_CMDS][MAX_RUNS], t_exit[MAX_CMDS][MAX_RUNS];
    long rss[MAX_CMDS] = {0};
    int status[MAX_CMDS] = {0};
    for (int r = 0; r < runs; r++)
        for (int c = 0; c < n; c++) {
            int mfd[2];
            if (pipe(mfd) != 0)
                return 1;
            double t0 = now_ms();
            pid_t pid = fork();
            if (pid < 0)
                return 1;
            if (pid == 0) {
                int fd = open("/dev/null", O_WRONLY);
                if (fd >= 0)
                    dup2(fd, STDOUT_FILENO);
                close(mfd[0]);
                char num[16];
                snprintf(num, sizeof num, "%d", mfd[1]);
                setenv("RUNX_MARK_FD", num, 1);
                execvp(cmds[c][0], cmds[c]);
                _exit(127);
            }
            close(mfd[1]);
            int st;
            struct rusage ru;
            if (wait4(pid, &st, 0, &ru) < 0)
                return 1;
            t_exit[c][r] = now_ms() - t0;
            t[c][r] = t_exit[c][r];
            uint64_t ns;
            if (read(mfd[0], &ns, sizeof ns) == (ssize_t)sizeof ns)
                t[c][r] = (double)ns / 1e6 - t0;
            close(mfd[0]);
            if (ru.ru_maxrss > rss[c])
                rss[c] = ru.ru_maxrss;
            status[c] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            if (status[c] == 127) {
                fprintf(stderr, "runx: cannot run %s\n", cmds[c][0]);
                return 1;
            }
        }
    for (int c = 0; c < n; c++) {
        qsort(t[c], (size_t)runs, sizeof t[c][0], cmp_double);
        qsort(t_exit[c], (size_t)runs, sizeof t_exit[c][0], cmp_double);
        printf("%.2f %ld %d %.2f\n", t[c][runs / 2], rss[c], status[c], t_exit[c][runs / 2]);
    }
    return 0;
}
