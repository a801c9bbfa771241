/* gen_content — makes a large content folder from a real one, for the
 * benchmark only.
 *
 *     gen_content SRC OUT N [SEED]
 *
 * OUT/sections.yaml is SRC's; OUT/roles/ gets N role files.  The first
 * copy of each SRC role keeps its id and text; copy k > 0 of role `x` is
 * `x-k`, its title gets a made-up word, and about a third of the longer
 * words of its text are replaced by made-up ones drawn from a skewed
 * vocabulary, so the search index grows the way a real one would.  Its
 * `related` ids point at the same copy of the related roles when that copy
 * exists, else at the originals, so the folder is valid.  The output
 * depends only on SRC, N and SEED.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VOCAB 40000

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    /* splitmix64: tiny, good enough, the same everywhere. */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double rng_unit(void)
{
    return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static char vocab[VOCAB][16];

static void make_vocab(void)
{
    static const char *const cons[] = {"b", "d", "f", "g", "k",  "l",  "m",  "n",  "p",  "r",
                                       "s", "t", "v", "z", "br", "dr", "st", "tr", "sk", "th"};
    static const char *const vow[] = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
    static const char *const fin[] = {"", "", "", "n", "r", "s", "l", "x", "nd", "st"};
    for (size_t i = 0; i < VOCAB; i++) {
        char *w = vocab[i];
        w[0] = '\0';
        int syl = 2 + (int)(rng_next() % 3);
        for (int s = 0; s < syl; s++) {
            strcat(w, cons[rng_next() % (sizeof cons / sizeof cons[0])]);
            strcat(w, vow[rng_next() % (sizeof vow / sizeof vow[0])]);
        }
        strcat(w, fin[rng_next() % (sizeof fin / sizeof fin[0])]);
    }
}

/* A made-up word; small indices are much more common (a Zipf-like skew). */
static const char *pick_word(void)
{
    double u = rng_unit();
    return vocab[(size_t)(u * u * u * VOCAB) % VOCAB];
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap + 1);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int write_all(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(buf, 1, len, f);
    int bad = w != len || ferror(f);
    if (fclose(f) != 0)
        bad = 1;
    return bad ? -1 : 0;
}

/* Keys whose text and items get varied words. */
static int varied_key(const char *key)
{
    static const char *const keys[] = {"also_known_as",    "summary",     "responsibilities",
                                       "work_environment", "progression", "skills",
                                       "qualifications",   "languages",   "organisations",
                                       "threats",          "keywords"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

struct out {
    char *buf;
    size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        size_t cap = (o->cap ? o->cap * 2 : 16384) + n;
        char *b = realloc(o->buf, cap);
        if (!b) {
            fprintf(stderr, "gen_content: out of memory\n");
            exit(1);
        }
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void put_s(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A line of a varied field: letters-only words of 4 or more letters are
 * replaced a third of the time, keeping an initial capital. */
static void vary_line(struct out *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!is_alpha((unsigned char)s[i])) {
            put(o, s + i, 1);
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_alpha((unsigned char)s[j]))
            j++;
        if (j - i >= 4 && rng_unit() < 0.33) {
            char w[16];
            snprintf(w, sizeof w, "%s", pick_word());
            if (s[i] >= 'A' && s[i] <= 'Z')
                w[0] = (char)(w[0] - 'a' + 'A');
            put_s(o, w);
        } else {
            put(o, s + i, j - i);
        }
        i = j;
    }
}

struct role {
    char *id;
    char *text;
    size_t len;
};

static int group_complete(size_t k, size_t n_base, size_t n)
{
    return (k + 1) * n_base <= n;
}

static void make_copy(struct out *o, const struct role *r, size_t k, size_t n_base, size_t n)
{
    char key[64] = "";
    const char *s = r->text, *end = r->text + r->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t ln = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
        if (s[0] != ' ' && s[0] != '\n') {
            size_t kl = strcspn(s, ":\n");
            if (kl < sizeof key) {
                memcpy(key, s, kl);
                key[kl] = '\0';
            }
        }
        if (strcmp(key, "title") == 0 && strncmp(s, "title: ", 7) == 0 && s[7] != '"' &&
            s[7] != '\'') {
            const char *w = pick_word();
            put(o, s, ln - (nl ? 1 : 0));
            char extra[40];
            snprintf(extra, sizeof extra, " (%c%s %zu)", w[0] - 'a' + 'A', w + 1, k);
            put_s(o, extra);
            put_s(o, "\n");
        } else if (strcmp(key, "related") == 0 && strncmp(s, "  - ", 4) == 0) {
            put(o, s, ln - (nl ? 1 : 0));
            if (group_complete(k, n_base, n)) {
                char suffix[24];
                snprintf(suffix, sizeof suffix, "-%zu", k);
                put_s(o, suffix);
            }
            put_s(o, "\n");
        } else if (s[0] == ' ' && varied_key(key)) {
            vary_line(o, s, ln);
        } else {
            put(o, s, ln);
        }
        s += ln;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: gen_content SRC OUT N [SEED]\n");
        return 2;
    }
    const char *src = argv[1], *out = argv[2];
    char *endp;
    unsigned long long n = strtoull(argv[3], &endp, 10);
    if (*endp || n == 0 || n > 100000) {
        fprintf(stderr, "gen_content: N must be 1 to 100000\n");
        return 2;
    }
    rng_state = argc == 5 ? strtoull(argv[4], NULL, 10) : 20261125u;
    make_vocab();

    char path[4096];
    snprintf(path, sizeof path, "%s/roles", src);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "gen_content: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char *names[256];
    size_t n_base = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n_base < 256) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] != '.' && l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0)
            names[n_base++] = strdup(de->d_name);
    }
    closedir(d);
    if (n_base == 0 || n < n_base) {
        fprintf(stderr, "gen_content: need N >= the %zu roles of %s\n", n_base, src);
        return 1;
    }
    qsort(names, n_base, sizeof names[0], cmp_str);
    struct role *roles = calloc(n_base, sizeof *roles);
    for (size_t i = 0; i < n_base; i++) {
        snprintf(path, sizeof path, "%s/roles/%s", src, names[i]);
        roles[i].text = read_all(path, &roles[i].len);
        if (!roles[i].text) {
            fprintf(stderr, "gen_content: cannot read %s\n", path);
            return 1;
        }
        roles[i].id = names[i];
        roles[i].id[strlen(names[i]) - 5] = '\0';
    }

    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_content: %s: %s\n", out, strerror(errno));
        return 1;
    }
    snprintf(path, sizeof path, "%s/roles", out);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_content: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t slen;
    snprintf(path, sizeof path, "%s/sections.yaml", src);
    char *sections = read_all(path, &slen);
    snprintf(path, sizeof path, "%s/sections.yaml", out);
    if (!sections || write_all(path, sections, slen) != 0) {
        fprintf(stderr, "gen_content: cannot copy sections.yaml\n");
        return 1;
    }
    free(sections);

    struct out o = {0};
    unsigned long long bytes = slen;
    for (size_t i = 0; i < n; i++) {
        const struct role *r = &roles[i % n_base];
        size_t k = i / n_base;
        o.len = 0;
        if (k == 0) {
            put(&o, r->text, r->len);
            snprintf(path, sizeof path, "%s/roles/%s.yaml", out, r->id);
        } else {
            make_copy(&o, r, k, n_base, n);
            snprintf(path, sizeof path, "%s/roles/%s-%zu.yaml", out, r->id, k);
        }
        if (write_all(path, o.buf, o.len) != 0) {
            fprintf(stderr, "gen_content: cannot write %s\n", path);
            return 1;
        }
        bytes += o.len;
    }
    printf("gen_content: %llu roles, %llu bytes in %s\n", n, bytes, out);
    free(o.buf);
    for (size_t i = 0; i < n_base; i++) {
        free(roles[i].text);
        free(names[i]);
    }
    free(roles);
    return 0;
}
