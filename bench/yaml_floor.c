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

#include "floor_file.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: yaml_floor DIR\n");
        return 2;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    char path[4096];
    size_t n;
    int bad = 0;
    snprintf(path, sizeof path, "%s/sections.yaml", argv[1]);
    if (floor_file(path, &buf, &cap, &n) != 0)
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
        if (floor_file(path, &buf, &cap, &n) != 0)
            bad = 1;
    }
    if (d)
        closedir(d);
    free(buf);
    if (bad)
        fprintf(stderr, "yaml_floor: cannot read or parse every file in %s\n", argv[1]);
    return bad;
}
