/* yaml_floor — the whole-process libyaml floor for `borderless check`.
 *
 *     yaml_floor DIR
 *
 * Does what any loader of DIR must do at the least, as a process of its own:
 * lists DIR/roles (readdir, *.yaml), reads DIR/sections.yaml and every role
 * file whole, and runs libyaml's parser over each into events (no tree, no
 * checks).  scripts/bench times `borderless check DIR` against this program;
 * the ratio says how much the loader adds.  Exits 1 when a file cannot be
 * read or parsed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

/* Reads path whole into *buf (grown as needed) and parses it into events.
 * Returns 0, or -1 on a read or parse error. */
static int floor_file(const char *path, unsigned char **buf, size_t *cap)
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
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: yaml_floor DIR\n");
        return 2;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    char path[4096];
    int bad = 0;
    snprintf(path, sizeof path, "%s/sections.yaml", argv[1]);
    if (floor_file(path, &buf, &cap) != 0)
        bad = 1;
    snprintf(path, sizeof path, "%s/roles", argv[1]);
    DIR *d = opendir(path);
    if (!d)
        bad = 1;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= 5 || strcmp(de->d_name + l - 5, ".yaml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/roles/%s", argv[1], de->d_name);
        if (floor_file(path, &buf, &cap) != 0)
            bad = 1;
    }
    if (d)
        closedir(d);
    free(buf);
    if (bad)
        fprintf(stderr, "yaml_floor: cannot read or parse every file in %s\n", argv[1]);
    return bad;
}
