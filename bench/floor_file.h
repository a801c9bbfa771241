/* floor_file.h — the libyaml floor's one file: read whole, parse into
 * events, nothing else.  Shared by bench.c (in-process) and yaml_floor.c
 * (a process of its own), so the two floors measure the same work. */
#ifndef BENCH_FLOOR_FILE_H
#define BENCH_FLOOR_FILE_H

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <yaml.h>

/* Reads path whole into *buf (grown as needed) and parses it into events;
 * *bytes gets the file's size.  Returns 0, or -1 on a read or parse error. */
static int floor_file(const char *path, unsigned char **buf, size_t *cap, size_t *bytes)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t n = 0;
    for (;;) {
        if (n == *cap) {
            size_t nc = *cap ? *cap * 2 : 65536;
            unsigned char *nb = realloc(*buf, nc);
            if (!nb) {
                close(fd);
                return -1;
            }
            *buf = nb;
            *cap = nc;
        }
        ssize_t r = read(fd, *buf + n, *cap - n);
        if (r < 0) {
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return -1;
    yaml_parser_set_input_string(&p, *buf, n);
    int ok = 1;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            ok = 0;
            break;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    *bytes = n;
    return ok ? 0 : -1;
}

#endif
