/* dict.c — loading, lookup, expansion and linting of the dictionary and
 * the templates.  File formats: dictionaries/README.md and
 * templates/README.md. */
#include "dict.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "l10n.h"
#include "l10n_lint.h"
#include "log.h"
#include "strmap.h"
#include "tsv.h"

#define MAX_FILE_BYTES (8u << 20)
#define MAX_FILES 64
#define N_FIXED 4 /* key info_type code_table code */
#define LINT_MAX_GLOSSARY 64 /* glossary terms (a bit set per row) */
#define LINT_MAX_LATIN 3     /* Latin letters in a row: "km", "JMA" */

struct row {
	const char *key, *info_type, *table, *code, *note;
	const char *cell[BC_LANG__COUNT]; /* NULL when empty */
	unsigned char prov[BC_LANG__COUNT];
	const char *file;
	int line;
};

struct tmpl {
	const char *key;
	const char *text[BC_LANG__COUNT];
	const char *file[BC_LANG__COUNT];
	int line[BC_LANG__COUNT];
};

struct bc_dict {
	struct bc_arena arena;
	struct row *rows;
	size_t n_rows, cap_rows;
	struct tmpl *tmpls;
	size_t n_tmpls, cap_tmpls;
	struct bc_strmap by_key, by_ja, by_code, tmpl_by_key;
	/* Rows of headline sentences with captures ("text.*" keys whose ja
	 * holds a '{'), tried in file order by bc_dict_sentence. */
	size_t *pats;
	size_t n_pats;
	/* "text.term.*" rows by ja: the words a {terms} capture lists;
	 * "text.div.*": JMA's divisions of the day ({div}). */
	struct bc_strmap terms, divs;
	/* Problems found while loading that do not stop the load (duplicate
	 * Japanese terms): reported by bc_dict_check. */
	struct bc_buf load_notes;
};

static const char *const prov_names[] = {
	"none", "jma-official", "jma-place-data", "derived-from-kana",
	"authored", "reviewed",
};

const char *bc_prov_name(enum bc_prov p)
{
	return (unsigned)p < BC_PROV__COUNT ? prov_names[p] : "none";
}

static int prov_parse(const char *s, size_t n)
{
	for (int i = 1; i < BC_PROV__COUNT; i++)
		if (strlen(prov_names[i]) == n && strncmp(s, prov_names[i], n) == 0)
			return i;
	return -1;
}

void bc_dict_free(struct bc_dict *d)
{
	if (!d)
		return;
	free(d->rows);
	free(d->tmpls);
	free(d->pats);
	bc_strmap_free(&d->by_key);
	bc_strmap_free(&d->by_ja);
	bc_strmap_free(&d->terms);
	bc_strmap_free(&d->divs);
	bc_strmap_free(&d->by_code);
	bc_strmap_free(&d->tmpl_by_key);
	bc_buf_free(&d->load_notes);
	bc_arena_free(&d->arena);
	free(d);
}

static bool is_term_row(const struct row *r)
{
	return strncmp(r->key, "text.term.", 10) == 0;
}

static bool same_folded(const char *x, const char *y)
{
	if (strcmp(x, y) == 0)
		return true;
	struct bc_buf a, b;
	bc_buf_init(&a, 1u << 16);
	bc_buf_init(&b, 1u << 16);
	bool same = !bc_l10n_casefold(x, strlen(x), &a) &&
		    !bc_l10n_casefold(y, strlen(y), &b) && a.data && b.data &&
		    strcmp(a.data, b.data) == 0;
	bc_buf_free(&a);
	bc_buf_free(&b);
	return same;
}

static bool key_ok(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++) {
		char c = *k;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* "*=authored en=jma-official" into one status per language. */
static bool parse_provenance(const char *s, unsigned char prov[BC_LANG__COUNT])
{
	memset(prov, BC_PROV_NONE, BC_LANG__COUNT);
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *eq = strchr(s, '=');
		if (!eq)
			return false;
		const char *end = eq;
		while (*end && *end != ' ')
			end++;
		int p = prov_parse(eq + 1, (size_t)(end - eq - 1));
		if (p < 0)
			return false;
		char tag[16];
		size_t tn = (size_t)(eq - s);
		if (tn == 0 || tn >= sizeof tag)
			return false;
		memcpy(tag, s, tn);
		tag[tn] = '\0';
		if (strcmp(tag, "*") == 0) {
			for (int l = 0; l < BC_LANG__COUNT; l++)
				if (prov[l] == BC_PROV_NONE)
					prov[l] = (unsigned char)p;
			/* Overrides given before '*' keep their value. */
		} else {
			int l = bc_lang_parse(tag);
			if (l < 0)
				return false;
			prov[l] = (unsigned char)p;
		}
		s = end;
	}
	return true;
}

static enum bc_err check_header(char **f, int nf, const char *path, char *why,
				size_t why_size)
{
	static const char *const fixed[N_FIXED] = { "key", "info_type",
						    "code_table", "code" };
	bool ok = nf == N_FIXED + BC_LANG__COUNT + 2;
	for (int i = 0; ok && i < N_FIXED; i++)
		ok = strcmp(f[i], fixed[i]) == 0;
	for (int l = 0; ok && l < BC_LANG__COUNT; l++)
		ok = strcmp(f[N_FIXED + l], bc_lang_tag((enum bc_lang)l)) == 0;
	if (ok)
		ok = strcmp(f[N_FIXED + BC_LANG__COUNT], "provenance") == 0 &&
		     strcmp(f[N_FIXED + BC_LANG__COUNT + 1], "note") == 0;
	if (!ok) {
		snprintf(why, why_size,
			 "%s:1: header must be key, info_type, code_table, "
			 "code, the 16 language tags in DESIGN order, "
			 "provenance, note", path);
		return BC_E_DICT;
	}
	return BC_E_OK;
}

static enum bc_err add_row(struct bc_dict *d, char **f, int nf,
			   const char *file, int line, char *why,
			   size_t why_size)
{
	struct bc_arena *a = &d->arena;
	if (nf != N_FIXED + BC_LANG__COUNT + 2) {
		snprintf(why, why_size, "%s:%d: %d columns, expected %d", file,
			 line, nf, N_FIXED + BC_LANG__COUNT + 2);
		return BC_E_DICT;
	}
	if (!key_ok(f[0])) {
		snprintf(why, why_size, "%s:%d: key '%s' is empty or not "
			 "[A-Za-z0-9._-]", file, line, f[0]);
		return BC_E_DICT;
	}
	if (bc_strmap_get(&d->by_key, f[0])) {
		snprintf(why, why_size, "%s:%d: duplicate key '%s'", file,
			 line, f[0]);
		return BC_E_DICT;
	}
	if (!f[N_FIXED][0]) {
		snprintf(why, why_size, "%s:%d: key '%s' has no Japanese term",
			 file, line, f[0]);
		return BC_E_DICT;
	}
	if (d->n_rows == d->cap_rows) {
		size_t cap = d->cap_rows ? d->cap_rows * 2 : 256;
		struct row *p = realloc(d->rows, cap * sizeof *p);
		if (!p)
			return BC_E_NOMEM;
		d->rows = p;
		d->cap_rows = cap;
	}
	struct row *r = &d->rows[d->n_rows];
	memset(r, 0, sizeof *r);
	r->key = bc_arena_strdup(a, f[0]);
	r->info_type = bc_arena_strdup(a, f[1]);
	r->table = bc_arena_strdup(a, f[2]);
	r->code = bc_arena_strdup(a, f[3]);
	r->note = bc_arena_strdup(a, f[N_FIXED + BC_LANG__COUNT + 1]);
	r->file = file;
	r->line = line;
	if (!r->key || !r->info_type || !r->table || !r->code || !r->note)
		return BC_E_NOMEM;
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		const char *c = f[N_FIXED + l];
		r->cell[l] = *c ? bc_arena_strdup(a, c) : NULL;
		if (*c && !r->cell[l])
			return BC_E_NOMEM;
	}
	if (!parse_provenance(f[N_FIXED + BC_LANG__COUNT], r->prov)) {
		snprintf(why, why_size, "%s:%d: provenance '%s' is not "
			 "'*=status lang=status ...' with statuses "
			 "jma-official, jma-place-data, derived-from-kana, "
			 "authored, reviewed", file, line,
			 f[N_FIXED + BC_LANG__COUNT]);
		return BC_E_DICT;
	}
	size_t idx = d->n_rows++;
	void *val = (void *)(idx + 1);
	enum bc_err e = bc_strmap_put(&d->by_key, r->key, val, NULL);
	if (e)
		return e;
	const char *ja = r->cell[BC_LANG_JA];
	void *prev = bc_strmap_get(&d->by_ja, ja);
	if (prev) {
		/* The same Japanese under two codes (JMA reuses comment texts)
		 * is fine as long as it reads the same in every language:
		 * one term, one translation. */
		const struct row *o = &d->rows[(size_t)prev - 1];
		/* A text.term row is the same word inside a sentence: it may
		 * differ from its row by case only ("storm", "Storm"). */
		bool in_text = is_term_row(o) || is_term_row(r);
		for (int l = 0; l < BC_LANG__COUNT; l++) {
			const char *x = o->cell[l] ? o->cell[l] : "";
			const char *y = r->cell[l] ? r->cell[l] : "";
			if (in_text ? !same_folded(x, y) : strcmp(x, y) != 0) {
				bc_buf_printf(&d->load_notes,
					      "%s:%d: Japanese term '%s' is "
					      "translated differently [%s] by "
					      "key '%s' (%s:%d): one term, one "
					      "translation\n", file, line, ja,
					      bc_lang_tag((enum bc_lang)l),
					      o->key, o->file, o->line);
				break;
			}
		}
		/* The term's own row answers bc_dict_term, not its
		 * in-sentence form. */
		if (is_term_row(o) && !is_term_row(r)) {
			e = bc_strmap_put(&d->by_ja, ja, val, NULL);
			if (e)
				return e;
		}
	} else {
		e = bc_strmap_put(&d->by_ja, ja, val, NULL);
		if (e)
			return e;
	}
	if (is_term_row(r)) {
		e = bc_strmap_put(&d->terms, ja, val, NULL);
		if (e)
			return e;
	}
	if (strncmp(r->key, "text.div.", 9) == 0) {
		e = bc_strmap_put(&d->divs, ja, val, NULL);
		if (e)
			return e;
	}
	if (*r->table && *r->code) {
		size_t tn = strlen(r->table), cn = strlen(r->code);
		char *ck = bc_arena_alloc(a, tn + cn + 2);
		if (!ck)
			return BC_E_NOMEM;
		memcpy(ck, r->table, tn);
		ck[tn] = '\x1f';
		memcpy(ck + tn + 1, r->code, cn + 1);
		/* The first row of a code wins: files list the current name
		 * of a code before its variants. */
		if (!bc_strmap_get(&d->by_code, ck)) {
			e = bc_strmap_put(&d->by_code, ck, val, NULL);
			if (e)
				return e;
		}
	}
	return BC_E_OK;
}

static enum bc_err load_dict_file(struct bc_dict *d, const char *path,
				  char *why, size_t why_size)
{
	struct bc_tsv t;
	enum bc_err e = bc_tsv_open(&t, path, MAX_FILE_BYTES, why, why_size);
	if (e)
		return e;
	const char *file = bc_arena_strdup(&d->arena, path);
	char *f[BC_TSV_MAX_FIELDS];
	int nf = bc_tsv_next(&t, f);
	if (nf <= 0) {
		snprintf(why, why_size, "%s: empty or no header row", path);
		e = BC_E_DICT;
		goto cleanup;
	}
	e = check_header(f, nf, path, why, why_size);
	while (!e && file) {
		nf = bc_tsv_next(&t, f);
		if (nf == 0)
			break;
		if (nf < 0) {
			snprintf(why, why_size, "%s:%d: too many columns",
				 path, t.line);
			e = BC_E_DICT;
			break;
		}
		e = add_row(d, f, nf, file, t.line, why, why_size);
	}
	if (!file)
		e = BC_E_NOMEM;
cleanup:
	bc_tsv_close(&t);
	return e;
}

static enum bc_err load_template_file(struct bc_dict *d, enum bc_lang lang,
				      const char *path, char *why,
				      size_t why_size)
{
	struct bc_tsv t;
	enum bc_err e = bc_tsv_open(&t, path, MAX_FILE_BYTES, why, why_size);
	if (e)
		return e;
	const char *file = bc_arena_strdup(&d->arena, path);
	if (!file) {
		bc_tsv_close(&t);
		return BC_E_NOMEM;
	}
	char *f[BC_TSV_MAX_FIELDS];
	int nf;
	while ((nf = bc_tsv_next(&t, f)) != 0) {
		if (nf != 2) {
			snprintf(why, why_size, "%s:%d: expected key<TAB>"
				 "template, got %d columns", path, t.line,
				 nf < 0 ? BC_TSV_MAX_FIELDS : nf);
			e = BC_E_DICT;
			break;
		}
		if (!key_ok(f[0]) || !*f[1]) {
			snprintf(why, why_size, "%s:%d: bad key or empty "
				 "template", path, t.line);
			e = BC_E_DICT;
			break;
		}
		struct tmpl *tp = NULL;
		void *v = bc_strmap_get(&d->tmpl_by_key, f[0]);
		if (v) {
			tp = &d->tmpls[(size_t)v - 1];
		} else {
			if (d->n_tmpls == d->cap_tmpls) {
				size_t cap = d->cap_tmpls ? d->cap_tmpls * 2 : 64;
				struct tmpl *p = realloc(d->tmpls, cap * sizeof *p);
				if (!p) {
					e = BC_E_NOMEM;
					break;
				}
				d->tmpls = p;
				d->cap_tmpls = cap;
			}
			tp = &d->tmpls[d->n_tmpls++];
			memset(tp, 0, sizeof *tp);
			tp->key = bc_arena_strdup(&d->arena, f[0]);
			if (!tp->key) {
				e = BC_E_NOMEM;
				break;
			}
			e = bc_strmap_put(&d->tmpl_by_key, tp->key,
					  (void *)d->n_tmpls, NULL);
			if (e)
				break;
		}
		if (tp->text[lang]) {
			snprintf(why, why_size, "%s:%d: template '%s' is "
				 "already defined for this language", path,
				 t.line, f[0]);
			e = BC_E_DICT;
			break;
		}
		tp->text[lang] = bc_arena_strdup(&d->arena, f[1]);
		tp->file[lang] = file;
		tp->line[lang] = t.line;
		if (!tp->text[lang]) {
			e = BC_E_NOMEM;
			break;
		}
	}
	bc_tsv_close(&t);
	return e;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum bc_err index_patterns(struct bc_dict *d)
{
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct row *r = &d->rows[i];
		if (strncmp(r->key, "text.", 5) != 0 ||
		    !strchr(r->cell[BC_LANG_JA], '{'))
			continue;
		if (!d->pats) {
			d->pats = malloc(d->n_rows * sizeof *d->pats);
			if (!d->pats)
				return BC_E_NOMEM;
		}
		d->pats[d->n_pats++] = i;
	}
	return BC_E_OK;
}

enum bc_err bc_dict_load(const char *dir, struct bc_dict **out, char *why,
			 size_t why_size)
{
	char path[4096];
	char *names[MAX_FILES];
	size_t n_names = 0;
	DIR *dh = NULL;
	enum bc_err e = BC_E_OK;
	*out = NULL;
	struct bc_dict *d = calloc(1, sizeof *d);
	if (!d)
		return BC_E_NOMEM;
	bc_arena_init(&d->arena);
	bc_strmap_init(&d->by_key);
	bc_strmap_init(&d->by_ja);
	bc_strmap_init(&d->terms);
	bc_strmap_init(&d->divs);
	bc_strmap_init(&d->by_code);
	bc_strmap_init(&d->tmpl_by_key);
	bc_buf_init(&d->load_notes, 1u << 20);

	snprintf(path, sizeof path, "%s/dictionaries", dir);
	dh = opendir(path);
	if (!dh) {
		snprintf(why, why_size, "%s: cannot open directory", path);
		e = BC_E_IO;
		goto cleanup;
	}
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".tsv") != 0 ||
		    de->d_name[0] == '.' ||
		    strcmp(de->d_name, BC_DICT_STAGING_FILE) == 0)
			continue;
		if (n_names == MAX_FILES) {
			snprintf(why, why_size, "%s: more than %d files", path,
				 MAX_FILES);
			e = BC_E_TOOBIG;
			goto cleanup;
		}
		names[n_names] = strdup(de->d_name);
		if (!names[n_names]) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
		n_names++;
	}
	/* Sorted, so "first row of a code wins" does not depend on the
	 * directory order of the file system. */
	qsort(names, n_names, sizeof names[0], cmp_str);
	for (size_t i = 0; i < n_names && !e; i++) {
		snprintf(path, sizeof path, "%s/dictionaries/%s", dir, names[i]);
		e = load_dict_file(d, path, why, why_size);
	}
	/* templates/<lang>.tsv, then templates/<family>/<lang>.tsv for
	 * every family directory (tsunami/, volcano/, ...), so that each
	 * family's sentences live apart; a key may be defined once. */
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	n_names = 0;
	closedir(dh);
	snprintf(path, sizeof path, "%s/templates", dir);
	dh = opendir(path);
	if (!dh) {
		snprintf(why, why_size, "%s: cannot open directory", path);
		e = BC_E_IO;
		goto cleanup;
	}
	while (!e && (de = readdir(dh))) {
		char sub[4096];
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/templates/%s", dir, de->d_name);
		if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (n_names == MAX_FILES) {
			snprintf(why, why_size, "%s: more than %d families",
				 path, MAX_FILES);
			e = BC_E_TOOBIG;
			break;
		}
		if (!(names[n_names] = strdup(de->d_name)))
			e = BC_E_NOMEM;
		else
			n_names++;
	}
	if (!e)
		qsort(names, n_names, sizeof names[0], cmp_str);
	for (int l = 0; l < BC_LANG__COUNT && !e; l++) {
		const char *tag = bc_lang_tag((enum bc_lang)l);
		snprintf(path, sizeof path, "%s/templates/%s.tsv", dir, tag);
		e = load_template_file(d, (enum bc_lang)l, path, why, why_size);
		for (size_t i = 0; i < n_names && !e; i++) {
			snprintf(path, sizeof path, "%s/templates/%s/%s.tsv",
				 dir, names[i], tag);
			if (access(path, F_OK) != 0) {
				snprintf(why, why_size, "%s: missing (every "
					 "family has every language)", path);
				e = BC_E_DICT;
				break;
			}
			e = load_template_file(d, (enum bc_lang)l, path, why,
					       why_size);
		}
	}
	if (!e)
		e = index_patterns(d);
cleanup:
	if (dh)
		closedir(dh);
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	if (e) {
		bc_dict_free(d);
		return e;
	}
	*out = d;
	return BC_E_OK;
}

static const struct row *row_of(const struct bc_dict *d, void *v)
{
	return v ? &d->rows[(size_t)v - 1] : NULL;
}

const char *bc_dict_term(const struct bc_dict *d, const struct bc_term *t,
			 enum bc_lang lang)
{
	const struct row *r = NULL;
	if (t->ja[0])
		r = row_of(d, bc_strmap_get(&d->by_ja, t->ja));
	if (!r && t->table[0] && t->code[0]) {
		char ck[64];
		int n = snprintf(ck, sizeof ck, "%s\x1f%s", t->table, t->code);
		if (n > 0 && (size_t)n < sizeof ck)
			r = row_of(d, bc_strmap_get(&d->by_code, ck));
	}
	return r && (unsigned)lang < BC_LANG__COUNT ? r->cell[lang] : NULL;
}

const char *bc_dict_key(const struct bc_dict *d, const char *key,
			enum bc_lang lang)
{
	const struct row *r = row_of(d, bc_strmap_get(&d->by_key, key));
	return r && (unsigned)lang < BC_LANG__COUNT ? r->cell[lang] : NULL;
}

const char *bc_dict_template(const struct bc_dict *d, const char *key,
			     enum bc_lang lang)
{
	void *v = bc_strmap_get(&d->tmpl_by_key, key);
	if (!v || (unsigned)lang >= BC_LANG__COUNT)
		return NULL;
	return d->tmpls[(size_t)v - 1].text[lang];
}

/* ---- headline sentences ------------------------------------------------ */

/* A digit as JMA writes it, ASCII or full-width; -1 otherwise.  *len gets
 * its length in bytes. */
static int digit_at(const char *s, const char *end, size_t *len)
{
	if (s < end && *s >= '0' && *s <= '9') {
		*len = 1;
		return *s - '0';
	}
	if (end - s >= 3 && (unsigned char)s[0] == 0xef &&
	    (unsigned char)s[1] == 0xbc && (unsigned char)s[2] >= 0x90 &&
	    (unsigned char)s[2] <= 0x99) {
		*len = 3;
		return (unsigned char)s[2] - 0x90;
	}
	return -1;
}

/* A run of at most max digits, as an ASCII number appended to out (may be
 * NULL); returns the bytes read, 0 if there is no digit. */
static size_t digits_at(const char *s, const char *end, int max, char *out,
			size_t *olen, size_t osize)
{
	size_t used = 0, k;
	int n = 0, dg;
	while (n < max && (dg = digit_at(s + used, end, &k)) >= 0) {
		if (out && *olen + 1 < osize)
			out[(*olen)++] = (char)('0' + dg);
		used += k;
		n++;
	}
	if (out)
		out[*olen] = '\0';
	return used;
}

static bool lit_at(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* The kind of a capture by its name; false for a name that is none. */
static bool cap_kind(const char *name, size_t nlen, enum bc_dict_cap *kind)
{
	static const struct {
		const char *prefix;
		bool numbered; /* "num2", "day2", "div2" too */
		enum bc_dict_cap kind;
	} k[] = {
		{ "num", true, BC_CAP_NUM },	 { "time", false, BC_CAP_TIME },
		{ "hm", false, BC_CAP_HM },	 { "day", true, BC_CAP_DAY },
		{ "terms", false, BC_CAP_TERMS }, { "names", false, BC_CAP_NAMES },
		{ "div", true, BC_CAP_DIV },
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
		size_t pl = strlen(k[i].prefix);
		if (nlen >= pl && memcmp(name, k[i].prefix, pl) == 0 &&
		    (nlen == pl || k[i].numbered)) {
			*kind = k[i].kind;
			return true;
		}
	}
	return false;
}

/* What a typed capture matches at s: {num...} a number (digits, and a
 * decimal part after "．" or "."), {time} "[きょう]D日H時M分" as "D H M",
 * {hm} "H時M分" as "H M".  Returns the bytes matched, 0 for no match. */
static size_t capture_at(enum bc_dict_cap kind, const char *s,
			 const char *end, char *val, size_t vsize)
{
	size_t vl = 0, used = 0, k;
	val[0] = '\0';
	if (kind == BC_CAP_NUM) {
		used = digits_at(s, end, 12, val, &vl, vsize);
		if (!used)
			return 0;
		const char *dot = lit_at(s + used, end, "．") ? "．" :
				  lit_at(s + used, end, ".") ? "." : NULL;
		if (dot) {
			size_t dl = strlen(dot);
			size_t save = vl;
			if (vl + 1 < vsize)
				val[vl++] = '.';
			k = digits_at(s + used + dl, end, 6, val, &vl, vsize);
			if (k)
				used += dl + k;
			else
				val[vl = save] = '\0';
		}
		return used;
	}
	if (kind == BC_CAP_DAY)
		return digits_at(s, end, 2, val, &vl, vsize);
	bool day = kind == BC_CAP_TIME;
	if (!day && kind != BC_CAP_HM)
		return 0;
	static const char *const unit[] = { "日", "時", "分" };
	if (day && lit_at(s, end, "きょう"))
		used += strlen("きょう");
	for (int i = day ? 0 : 1; i < 3; i++) {
		if (vl && vl + 1 < vsize)
			val[vl++] = ' ';
		k = digits_at(s + used, end, 2, val, &vl, vsize);
		if (!k || !lit_at(s + used + k, end, unit[i]))
			return 0;
		used += k + strlen(unit[i]);
	}
	return used;
}

static bool pat_match(const struct bc_dict *d, const char *p,
		      const char *base, const char *s, const char *end,
		      struct bc_dict_caps *caps);

static bool label_bracket_at(const char *s, const char *end)
{
	static const char *const b[] = { "【", "】", "〔", "〕", "《", "》",
					 "＜", "＞", "〈", "〉" };
	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
		if (lit_at(s, end, b[i]))
			return true;
	return false;
}

/* The words a list capture takes ({terms}, {names}, {div}); NULL for a
 * capture that is not a list. */
static const struct bc_strmap *list_map(const struct bc_dict *d,
					enum bc_dict_cap kind)
{
	switch (kind) {
	case BC_CAP_TERMS:
		return &d->terms;
	case BC_CAP_NAMES:
		return &d->by_ja;
	case BC_CAP_DIV:
		return &d->divs;
	default:
		return NULL;
	}
}

/* Separators of a list of terms in JMA's prose: "土砂災害や低い土地の浸水、
 * 河川の増水". */
static size_t list_sep(const char *s, const char *end)
{
	if (lit_at(s, end, "や"))
		return strlen("や");
	if (lit_at(s, end, "、"))
		return strlen("、");
	return 0;
}

#define LIST_ITEM_MAX 64 /* bytes of one listed term */

/* The rest of a list capture from s: one term of map (every prefix of s
 * up to LIST_ITEM_MAX bytes is tried), then a separator and more terms,
 * or the rest of the pattern p.  The capture's value in caps->v[slot]
 * grows by "offset:length," per term. */
static bool list_match(const struct bc_dict *d, const struct bc_strmap *map,
		       const char *p, const char *base, const char *s,
		       const char *end, struct bc_dict_caps *caps, size_t slot)
{
	char *val = caps->v[slot].val;
	size_t vl = strlen(val);
	for (const char *t = s + 1; t <= end && t - s <= LIST_ITEM_MAX; t++) {
		if (t < end && ((unsigned char)*t & 0xc0) == 0x80)
			continue;
		if (!bc_strmap_getn(map, s, (size_t)(t - s)))
			continue;
		int n = snprintf(val + vl, sizeof caps->v[0].val - vl,
				 "%s%td:%td", vl ? "," : "", s - base, t - s);
		if (n < 0 || (size_t)n >= sizeof caps->v[0].val - vl) {
			val[vl] = '\0';
			return false;
		}
		size_t sep = list_sep(t, end);
		if (sep && list_match(d, map, p, base, t + sep, end, caps,
				      slot))
			return true;
		caps->n = slot + 1;
		if (pat_match(d, p, base, t, end, caps))
			return true;
		caps->n = slot + 1;
		val[vl] = '\0';
	}
	return false;
}

/* Does the pattern p (up to its end) match exactly s..end?  Literal text
 * compares byte for byte; {_name} takes one or more characters, shortest
 * first; {terms} one or more text.term rows and {names} one or more terms
 * of any row, joined by "や" or "、"; typed captures take what
 * capture_at reads. */
static bool pat_match(const struct bc_dict *d, const char *p,
		      const char *base, const char *s, const char *end,
		      struct bc_dict_caps *caps)
{
	while (*p) {
		if (*p != '{') {
			if (s >= end || *s != *p)
				return false;
			p++;
			s++;
			continue;
		}
		const char *close = strchr(p, '}');
		if (!close)
			return false;
		const char *name = p + 1;
		size_t nlen = (size_t)(close - name);
		if (*name == '_') {
			for (const char *t = s; t < end;) {
				/* A wildcard is a name: it never takes one of
				 * JMA's bracketed labels ("【特別警報（大雨）】"),
				 * which are told apart from the sentence. */
				if (label_bracket_at(t, end))
					return false;
				do
					t++;
				while (t < end && ((unsigned char)*t & 0xc0) == 0x80);
				if (pat_match(d, close + 1, base, t, end, caps))
					return true;
			}
			return false;
		}
		enum bc_dict_cap kind;
		if (caps->n == BC_DICT_CAPS ||
		    nlen >= sizeof caps->v[0].name ||
		    !cap_kind(name, nlen, &kind))
			return false;
		size_t slot = caps->n++;
		memcpy(caps->v[slot].name, name, nlen);
		caps->v[slot].name[nlen] = '\0';
		caps->v[slot].kind = kind;
		caps->v[slot].val[0] = '\0';
		const struct bc_strmap *map = list_map(d, kind);
		if (map) {
			if (list_match(d, map, close + 1, base, s, end, caps,
				       slot))
				return true;
			caps->n = slot;
			return false;
		}
		char val[sizeof caps->v[0].val];
		size_t used = capture_at(kind, s, end, val, sizeof val);
		if (used) {
			memcpy(caps->v[slot].val, val, sizeof val);
			if (pat_match(d, close + 1, base, s + used, end, caps))
				return true;
		}
		caps->n = slot;
		return false;
	}
	return s == end;
}

const char *bc_dict_listed(const struct bc_dict *d, enum bc_dict_cap kind,
			   const char *ja, size_t n, enum bc_lang lang)
{
	const struct bc_strmap *map = list_map(d, kind);
	const struct row *r = map ? row_of(d, bc_strmap_getn(map, ja, n))
				  : NULL;
	return r && (unsigned)lang < BC_LANG__COUNT ? r->cell[lang] : NULL;
}

const char *bc_dict_sentence(const struct bc_dict *d, const char *s,
			     size_t len, struct bc_dict_caps *caps)
{
	char key[BC_DICT_SENTENCE_MAX + 4];
	caps->n = 0;
	if (len == 0 || len > BC_DICT_SENTENCE_MAX)
		return NULL;
	memcpy(key, s, len);
	key[len] = '\0';
	const struct row *r = row_of(d, bc_strmap_get(&d->by_ja, key));
	if (!r) {
		memcpy(key + len, "。", sizeof "。");
		r = row_of(d, bc_strmap_get(&d->by_ja, key));
	}
	if (r)
		return r->key;
	for (size_t i = 0; i < d->n_pats; i++) {
		r = &d->rows[d->pats[i]];
		caps->n = 0;
		if (pat_match(d, r->cell[BC_LANG_JA], s, s, s + len, caps))
			return r->key;
	}
	caps->n = 0;
	return NULL;
}

enum bc_err bc_dict_expand(const char *tmpl, const struct bc_var *vars,
			   size_t n_vars, struct bc_buf *out)
{
	const char *p = tmpl;
	enum bc_err e = BC_E_OK;
	while (*p && !e) {
		const char *brace = strpbrk(p, "{}");
		if (!brace)
			return bc_buf_adds(out, p);
		e = bc_buf_add(out, p, (size_t)(brace - p));
		if (e)
			break;
		if (brace[0] == brace[1]) { /* "{{" or "}}" */
			e = bc_buf_addc(out, brace[0]);
			p = brace + 2;
			continue;
		}
		if (*brace == '}')
			return BC_E_DICT;
		const char *close = strchr(brace, '}');
		if (!close)
			return BC_E_DICT;
		size_t n = (size_t)(close - brace - 1);
		const struct bc_var *v = NULL;
		for (size_t i = 0; i < n_vars; i++)
			if (strlen(vars[i].name) == n &&
			    memcmp(vars[i].name, brace + 1, n) == 0) {
				v = &vars[i];
				break;
			}
		if (!v || !v->value)
			return BC_E_DICT;
		e = bc_buf_adds(out, v->value);
		p = close + 1;
	}
	return e;
}

/* ---- lint ------------------------------------------------------------ */

/* The placeholder names of s, sorted and comma-joined, into out. */
static void placeholders(const char *s, char *out, size_t size)
{
	const char *names[32];
	size_t lens[32], n = 0;
	for (const char *p = s; (p = strchr(p, '{'));) {
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		const char *c = strchr(p, '}');
		if (!c)
			break;
		/* {_name} is a wildcard of a headline pattern: it matches JMA's
		 * text in ja and is never carried into a translation. */
		if (n < 32 && p[1] != '_') {
			names[n] = p + 1;
			lens[n] = (size_t)(c - p - 1);
			n++;
		}
		p = c + 1;
	}
	/* insertion sort, tiny n */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			size_t m = lens[j] < lens[j - 1] ? lens[j] : lens[j - 1];
			int c = memcmp(names[j], names[j - 1], m);
			if (c > 0 || (c == 0 && lens[j] >= lens[j - 1]))
				break;
			const char *tn = names[j];
			names[j] = names[j - 1];
			names[j - 1] = tn;
			size_t tl = lens[j];
			lens[j] = lens[j - 1];
			lens[j - 1] = tl;
		}
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i && lens[i] == lens[i - 1] &&
		    memcmp(names[i], names[i - 1], lens[i]) == 0)
			continue;
		int w = snprintf(out + o, size - o, "%s%.*s", o ? "," : "",
				 (int)lens[i], names[i]);
		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
}

/* Braces the renderer would refuse (bc_dict_expand): a '{' that does not
 * open "{name}" with name in [a-z0-9_.], or a lone '}'.  NULL if fine. */
static const char *brace_problem(const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			p++;
			continue;
		}
		if (*p == '}')
			return "a '}' that closes nothing (write '}}')";
		if (*p != '{')
			continue;
		const char *q = p + 1;
		while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		       *q == '_' || *q == '.')
			q++;
		if (q == p + 1 || *q != '}')
			return "a '{' that does not open {name} (write '{{')";
		p = q;
	}
	return NULL;
}

/* One code point of valid UTF-8 (the loader checked it) at s[*i]. */
static unsigned utf8_at(const char *str, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[*i];
	int k = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (k)
		c &= 0x3Fu >> k;
	(*i)++;
	for (; k > 0 && *i < n; k--, (*i)++)
		c = (c << 6) | (s[*i] & 0x3Fu);
	return c;
}

static bool is_space_cp(unsigned c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Leading, trailing or doubled whitespace of any kind (the ideographic
 * space of ja-x-easy included), control characters and invisible ones.
 * Khmer, Burmese and Thai may use U+200B as a line-break hint. */
static const char *space_problem(const char *s, enum bc_lang lang,
				 unsigned *cp)
{
	size_t n = strlen(s), i = 0;
	bool prev_space = false, first = true;
	bool zwsp_ok = lang == BC_LANG_KM || lang == BC_LANG_MY ||
		       lang == BC_LANG_TH;
	while (i < n) {
		unsigned c = utf8_at(s, n, &i);
		*cp = c;
		bool sp = is_space_cp(c);
		if (sp && first)
			return "leading whitespace";
		if (sp && prev_space)
			return "doubled whitespace";
		if (sp && i >= n)
			return "trailing whitespace";
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
			return "control character";
		if (c == 0xFEFF || c == 0x2060 || c == 0x00AD ||
		    (c == 0x200B && !zwsp_ok))
			return "invisible character";
		prev_space = sp;
		first = false;
	}
	return NULL;
}

/* A copy of s with every placeholder blanked, so that "{place}मा" is not
 * read as one Latin-Devanagari word.  Caller frees. */
static char *mask_placeholders(const char *s)
{
	char *m = strdup(s);
	if (!m)
		return NULL;
	for (char *p = m; (p = strchr(p, '{'));) {
		char *c = strchr(p, '}');
		if (!c)
			break;
		memset(p, ' ', (size_t)(c - p + 1));
		p = c + 1;
	}
	return m;
}

static size_t check_text(const char *what, const char *file, int line,
			 enum bc_lang lang, const char *s, struct bc_buf *rep)
{
	size_t problems = 0;
	size_t n = strlen(s);
	const char *tag = bc_lang_tag(lang);
	const char *why;
	unsigned cp;
	if (!bc_l10n_is_nfc(s, n)) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: not NFC\n", file, line,
			      what, tag);
		problems++;
	}
	if ((why = space_problem(s, lang, &cp))) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: stray whitespace: %s "
			      "(U+%04X)\n", file, line, what, tag, why, cp);
		problems++;
	}
	if ((why = brace_problem(s))) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: %s\n", file, line, what,
			      tag, why);
		problems++;
	}
	if (!bc_lang_is_japanese(lang)) {
		bool zh = lang == BC_LANG_ZH_HANS || lang == BC_LANG_ZH_HANT;
		if (bc_l10n_has_japanese(s, n, !zh)) {
			bc_buf_printf(rep, "%s:%d: %s [%s]: Japanese script "
				      "in a non-Japanese text\n", file, line,
				      what, tag);
			problems++;
		}
	}
	if (bc_l10n_script_mismatch(s, n, lang, &cp)) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: U+%04X is not in the "
			      "language's script (%s)\n", file, line, what,
			      tag, cp, bc_lang_script(lang));
		problems++;
	}
	char *m = mask_placeholders(s);
	size_t off, len;
	const char *sa, *sb;
	if (m && bc_l10n_mixed_script_word(m, n, &off, &len, &sa, &sb)) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: word '%.*s' mixes %s and "
			      "%s letters (a homoglyph?)\n", file, line, what,
			      tag, (int)len, m + off, sa, sb);
		problems++;
	}
	/* A language not written in Latin may carry units and codes ("km",
	 * "M", "JMA"), never a whole Latin word: that is untranslated text. */
	if (m && strcmp(bc_lang_script(lang), "Latn") != 0 &&
	    !bc_lang_is_japanese(lang) &&
	    bc_l10n_latin_run(m, n, LINT_MAX_LATIN, &off, &len)) {
		bc_buf_printf(rep, "%s:%d: %s [%s]: Latin word '%.*s' in a %s "
			      "text (untranslated?)\n", file, line, what, tag,
			      (int)len, m + off, bc_lang_script(lang));
		problems++;
	}
	free(m);
	return problems;
}

/* ---- glossary: one Japanese term, one translation, across rows ------- */

#define MAX_EXEMPT 16

/* "[exempt 高潮 es ko: reason]" in a row's note: the row may translate
 * that glossary term differently in those languages ("*" = all). */
struct exempt {
	const char *term;
	size_t term_len;
	uint32_t langs;
	uint32_t used;   /* languages where the exemption was needed */
};

/* Parse every exemption of a note.  Returns the count, or -1 with *bad
 * pointing at a malformed one. */
static int parse_exempts(const char *note, struct exempt *ex,
			 const char **bad)
{
	int n = 0;
	static const char tagw[] = "[exempt ";
	for (const char *p = note; (p = strstr(p, tagw));) {
		const char *q = p + sizeof tagw - 1;
		*bad = p;
		const char *te = q;
		while (*te && *te != ' ' && *te != ']' && *te != ':')
			te++;
		if (te == q || *te != ' ' || n == MAX_EXEMPT)
			return -1;
		struct exempt *x = &ex[n];
		x->term = q;
		x->term_len = (size_t)(te - q);
		x->langs = 0;
		x->used = 0;
		q = te;
		for (;;) {
			while (*q == ' ')
				q++;
			if (*q == ':')
				break;
			const char *le = q;
			while (*le && *le != ' ' && *le != ':' && *le != ']')
				le++;
			if (le == q || (*le != ' ' && *le != ':'))
				return -1;
			char tag[16];
			size_t tl = (size_t)(le - q);
			if (tl >= sizeof tag)
				return -1;
			memcpy(tag, q, tl);
			tag[tl] = '\0';
			int l = strcmp(tag, "*") == 0 ? -2 : bc_lang_parse(tag);
			if (l == -1 || l == BC_LANG_JA)
				return -1;
			x->langs |= l == -2 ? BC_LANG_ALL &
						      ~(1u << BC_LANG_JA)
					    : 1u << l;
			q = le;
		}
		if (!x->langs)
			return -1;
		const char *r = q + 1, *close = strchr(r, ']');
		while (*r == ' ')
			r++;
		if (!close || close <= r)
			return -1; /* no reason given */
		n++;
		p = close + 1;
	}
	return n;
}

struct gloss {
	const struct row *r;
	size_t ja_len;
	struct bc_buf fold[BC_LANG__COUNT];
};

static bool is_glossary(const struct row *r)
{
	return strcmp(r->table, BC_DICT_GLOSSARY_TABLE) == 0;
}

/* The glossary terms a row's Japanese uses, each once; an occurrence
 * inside a longer glossary term (警報 in 特別警報, 暴風 in 暴風雪) is that
 * term's, not its own.  Returns a bit set over g[]. */
static uint64_t terms_used(const char *ja, const struct gloss *g, size_t ng)
{
	struct occ { size_t at, end, gi; } occ[128];
	size_t no = 0;
	for (size_t gi = 0; gi < ng; gi++) {
		const char *t = g[gi].r->cell[BC_LANG_JA];
		for (const char *p = ja; (p = strstr(p, t)) && no < 128; p++)
			occ[no++] = (struct occ){ (size_t)(p - ja),
				(size_t)(p - ja) + g[gi].ja_len, gi };
	}
	uint64_t used = 0;
	for (size_t i = 0; i < no; i++) {
		bool inner = false;
		for (size_t j = 0; j < no && !inner; j++)
			inner = j != i && occ[j].at <= occ[i].at &&
				occ[i].end <= occ[j].end &&
				occ[j].end - occ[j].at > occ[i].end - occ[i].at;
		if (!inner)
			used |= UINT64_C(1) << occ[i].gi;
	}
	return used;
}

static size_t check_glossary(const struct bc_dict *d, struct bc_buf *rep)
{
	size_t problems = 0, ng = 0;
	struct gloss *g = calloc(LINT_MAX_GLOSSARY, sizeof *g);
	struct bc_buf fold;
	bc_buf_init(&fold, 4u << 20);
	if (!g) {
		bc_buf_printf(rep, "dict check: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct row *r = &d->rows[i];
		if (!is_glossary(r))
			continue;
		if (*r->code) {
			bc_buf_printf(rep, "%s:%d: %s: a %s row has no code\n",
				      r->file, r->line, r->key,
				      BC_DICT_GLOSSARY_TABLE);
			problems++;
		}
		if (ng == LINT_MAX_GLOSSARY) {
			bc_buf_printf(rep, "%s:%d: more than %d glossary "
				      "terms\n", r->file, r->line,
				      LINT_MAX_GLOSSARY);
			problems++;
			break;
		}
		g[ng].r = r;
		g[ng].ja_len = strlen(r->cell[BC_LANG_JA]);
		for (int l = 0; l < BC_LANG__COUNT; l++) {
			bc_buf_init(&g[ng].fold[l], 1u << 20);
			if (r->cell[l])
				bc_l10n_casefold(r->cell[l],
						 strlen(r->cell[l]),
						 &g[ng].fold[l]);
		}
		ng++;
	}
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct row *r = &d->rows[i];
		struct exempt ex[MAX_EXEMPT];
		const char *bad = NULL;
		int nx = parse_exempts(r->note, ex, &bad);
		if (nx < 0) {
			bc_buf_printf(rep, "%s:%d: %s: malformed exemption "
				      "'%.40s': write [exempt TERM LANG...: "
				      "reason]\n", r->file, r->line, r->key,
				      bad);
			problems++;
			nx = 0;
		}
		uint64_t used = terms_used(r->cell[BC_LANG_JA], g, ng);
		for (size_t gi = 0; gi < ng; gi++) {
			if (!(used >> gi & 1) || g[gi].r == r)
				continue;
			const char *term = g[gi].r->cell[BC_LANG_JA];
			struct exempt *x = NULL;
			for (int k = 0; k < nx && !x; k++)
				if (ex[k].term_len == g[gi].ja_len &&
				    !memcmp(ex[k].term, term, g[gi].ja_len))
					x = &ex[k];
			for (int l = 0; l < BC_LANG__COUNT; l++) {
				if (l == BC_LANG_JA || !r->cell[l] ||
				    !g[gi].fold[l].data)
					continue;
				bc_buf_reset(&fold);
				if (bc_l10n_casefold(r->cell[l],
						     strlen(r->cell[l]),
						     &fold) || !fold.data)
					continue;
				bool has = strstr(fold.data,
						  g[gi].fold[l].data);
				bool exempt = x && (x->langs >> l & 1);
				if (exempt)
					x->used |= has ? 0 : 1u << l;
				if (has || exempt)
					continue;
				bc_buf_printf(rep, "%s:%d: %s [%s]: ja uses "
					      "glossary term '%s' (%s, %s:%d) "
					      "but the text does not contain "
					      "its translation '%s'\n",
					      r->file, r->line, r->key,
					      bc_lang_tag((enum bc_lang)l),
					      term, g[gi].r->key,
					      g[gi].r->file, g[gi].r->line,
					      g[gi].r->cell[l]);
				problems++;
			}
		}
		for (int k = 0; k < nx; k++) {
			struct exempt *x = &ex[k];
			size_t gi = 0;
			while (gi < ng && !(g[gi].ja_len == x->term_len &&
					    !memcmp(g[gi].r->cell[BC_LANG_JA],
						    x->term, x->term_len)))
				gi++;
			if (gi == ng || !(used >> gi & 1)) {
				bc_buf_printf(rep, "%s:%d: %s: exemption for "
					      "'%.*s', which is not a glossary "
					      "term of this row's ja\n",
					      r->file, r->line, r->key,
					      (int)x->term_len, x->term);
				problems++;
				continue;
			}
			uint32_t stale = x->langs & ~x->used &
					 ~(1u << BC_LANG_JA);
			for (int l = 0; l < BC_LANG__COUNT; l++)
				if (stale >> l & 1) {
					bc_buf_printf(rep, "%s:%d: %s [%s]: "
						      "exemption for '%.*s' "
						      "is not needed (the "
						      "text uses '%s'): "
						      "remove it\n", r->file,
						      r->line, r->key,
						      bc_lang_tag(
							      (enum bc_lang)l),
						      (int)x->term_len,
						      x->term,
						      g[gi].r->cell[l]);
					problems++;
				}
		}
	}
	for (size_t i = 0; i < ng; i++)
		for (int l = 0; l < BC_LANG__COUNT; l++)
			bc_buf_free(&g[i].fold[l]);
	free(g);
	bc_buf_free(&fold);
	return problems;
}

size_t bc_dict_check(const struct bc_dict *d, struct bc_buf *rep)
{
	size_t problems = 0;
	if (d->load_notes.len) {
		bc_buf_add(rep, d->load_notes.data, d->load_notes.len);
		for (size_t i = 0; i < d->load_notes.len; i++)
			problems += d->load_notes.data[i] == '\n';
	}
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct row *r = &d->rows[i];
		char want[256], got[256];
		placeholders(r->cell[BC_LANG_JA], want, sizeof want);
		for (int l = 0; l < BC_LANG__COUNT; l++) {
			const char *c = r->cell[l];
			const char *tag = bc_lang_tag((enum bc_lang)l);
			if (!c) {
				bc_buf_printf(rep, "%s:%d: %s: missing %s\n",
					      r->file, r->line, r->key, tag);
				problems++;
				continue;
			}
			if (r->prov[l] == BC_PROV_NONE) {
				bc_buf_printf(rep, "%s:%d: %s [%s]: no "
					      "provenance\n", r->file, r->line,
					      r->key, tag);
				problems++;
			}
			placeholders(c, got, sizeof got);
			if (strcmp(want, got) != 0) {
				bc_buf_printf(rep, "%s:%d: %s [%s]: "
					      "placeholders {%s} differ from "
					      "ja {%s}\n", r->file, r->line,
					      r->key, tag, got, want);
				problems++;
			}
			if (l != BC_LANG_JA && strstr(c, "{_")) {
				bc_buf_printf(rep, "%s:%d: %s [%s]: a {_name} "
					      "wildcard belongs to ja only\n",
					      r->file, r->line, r->key, tag);
				problems++;
			}
			problems += check_text(r->key, r->file, r->line,
					       (enum bc_lang)l, c, rep);
		}
	}
	problems += check_glossary(d, rep);
	for (size_t i = 0; i < d->n_tmpls; i++) {
		const struct tmpl *t = &d->tmpls[i];
		char want[256] = "", got[256];
		/* English is the reference (templates/README.md); if it is
		 * the missing one, the first language that has the key. */
		int ref = t->text[BC_LANG_EN] ? BC_LANG_EN : -1;
		for (int l = 0; ref < 0 && l < BC_LANG__COUNT; l++)
			if (t->text[l])
				ref = l;
		placeholders(t->text[ref], want, sizeof want);
		for (int l = 0; l < BC_LANG__COUNT; l++) {
			const char *tag = bc_lang_tag((enum bc_lang)l);
			if (!t->text[l]) {
				bc_buf_printf(rep, "%s:%d: template '%s' "
					      "missing in %s\n",
					      t->file[ref], t->line[ref],
					      t->key, tag);
				problems++;
				continue;
			}
			placeholders(t->text[l], got, sizeof got);
			if (strcmp(want, got) != 0) {
				bc_buf_printf(rep, "%s:%d: template '%s': "
					      "placeholders {%s} differ from "
					      "%s {%s}\n", t->file[l],
					      t->line[l], t->key, got,
					      bc_lang_tag((enum bc_lang)ref),
					      want);
				problems++;
			}
			struct bc_buf tmp;
			bc_buf_init(&tmp, 4096);
			bc_buf_printf(&tmp, "template '%s'", t->key);
			if (tmp.data)
				problems += check_text(tmp.data, t->file[l],
						       t->line[l],
						       (enum bc_lang)l,
						       t->text[l], rep);
			bc_buf_free(&tmp);
		}
	}
	return problems;
}
