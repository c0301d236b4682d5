/* dict_import.c — `bosaicast dict import`: JMA's official multilingual
 * dictionary (jma_multilingual.xlsx) over the shipped dictionary files,
 * and the `dict` command line.  See bc_dict_import in dict.h. */
#include "dict.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "l10n.h"
#include "xlsx.h"

#define N_FIXED 4
#define N_COLS (N_FIXED + BC_LANG__COUNT + 2)
#define COL_PROV (N_FIXED + BC_LANG__COUNT)
#define COL_NOTE (COL_PROV + 1)
#define MAX_FILE_BYTES (8u << 20)
#define MAX_FILES 64
#define MAX_LINES 100000
#define HEADER_SCAN 10

/* ---- the workbook's columns ------------------------------------------- */

enum { C_NO, C_KIND, C_INFO, C_REMARKS, C_TABLE, C_CODE, C_HISTORY,
       C_LANG0 }; /* then one per language, ja included, ja-x-easy not */
#define N_WCOLS (C_LANG0 + BC_LANG__COUNT)

struct alias {
	int col;
	const char *name; /* compared without spaces, ( ) half-width */
};

static const struct alias aliases[] = {
	{ C_NO, "No." }, { C_NO, "No" }, { C_NO, "Ｎｏ." }, { C_NO, "Ｎｏ" },
	{ C_NO, "番号" },
	{ C_KIND, "種別" }, { C_INFO, "情報種別等" }, { C_INFO, "情報種別" },
	{ C_REMARKS, "備考" }, { C_TABLE, "XMLコード表" },
	{ C_TABLE, "コード表" }, { C_CODE, "コード" },
	{ C_HISTORY, "更新履歴" },
	{ C_LANG0 + BC_LANG_JA, "日本語" },
	{ C_LANG0 + BC_LANG_EN, "英語" },
	{ C_LANG0 + BC_LANG_ZH_HANS, "中国語(簡体)" },
	{ C_LANG0 + BC_LANG_ZH_HANS, "中国語(簡体字)" },
	{ C_LANG0 + BC_LANG_ZH_HANT, "中国語(繁体)" },
	{ C_LANG0 + BC_LANG_ZH_HANT, "中国語(繁体字)" },
	{ C_LANG0 + BC_LANG_KO, "韓国語" },
	{ C_LANG0 + BC_LANG_KO, "韓国・朝鮮語" },
	{ C_LANG0 + BC_LANG_ES, "スペイン語" },
	{ C_LANG0 + BC_LANG_PT, "ポルトガル語" },
	{ C_LANG0 + BC_LANG_ID, "インドネシア語" },
	{ C_LANG0 + BC_LANG_VI, "ベトナム語" },
	{ C_LANG0 + BC_LANG_TL, "タガログ語" },
	{ C_LANG0 + BC_LANG_TL, "フィリピノ語" },
	{ C_LANG0 + BC_LANG_TH, "タイ語" },
	{ C_LANG0 + BC_LANG_NE, "ネパール語" },
	{ C_LANG0 + BC_LANG_KM, "クメール語" },
	{ C_LANG0 + BC_LANG_KM, "カンボジア語" },
	{ C_LANG0 + BC_LANG_MY, "ビルマ語" },
	{ C_LANG0 + BC_LANG_MY, "ミャンマー語" },
	{ C_LANG0 + BC_LANG_MN, "モンゴル語" },
};

static const char *const wcol_names[C_LANG0] = {
	"No.", "種別", "情報種別等", "備考", "XMLコード表", "コード", "更新履歴",
};

static bool required(int c)
{
	return c == C_NO || c == C_TABLE || c == C_CODE ||
	       (c >= C_LANG0 && c - C_LANG0 != BC_LANG_JA_EASY);
}

static const char *wcol_name(int c)
{
	if (c < C_LANG0)
		return wcol_names[c];
	if (c - C_LANG0 == BC_LANG_JA)
		return "日本語";
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (aliases[i].col == c)
			return aliases[i].name;
	return bc_lang_tag((enum bc_lang)(c - C_LANG0));
}

/* A header cell without spaces (any kind) and with full-width
 * parentheses made ASCII, into out. */
static void header_norm(const char *s, char *out, size_t size)
{
	size_t o = 0;
	while (*s && o + 4 < size) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
		} else if (!strncmp(s, "\u3000", 3)) {
			s += 3;
		} else if (!strncmp(s, "（", 3)) {
			out[o++] = '(';
			s += 3;
		} else if (!strncmp(s, "）", 3)) {
			out[o++] = ')';
			s += 3;
		} else if (!strncmp(s, "．", 3)) {
			out[o++] = '.';
			s += 3;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
}

static int header_col(const char *cell)
{
	char n[128];
	header_norm(cell, n, sizeof n);
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(n, aliases[i].name) == 0)
			return aliases[i].col;
	/* DESIGN §2's JMA column names and our own tags. */
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		if (l == BC_LANG_JA_EASY)
			continue;
		if (!strcasecmp(n, bc_lang_jma_column((enum bc_lang)l)) ||
		    !strcasecmp(n, bc_lang_tag((enum bc_lang)l)))
			return C_LANG0 + l;
	}
	if (!strcasecmp(n, "English"))
		return C_LANG0 + BC_LANG_EN;
	return -1;
}

struct header {
	size_t row;          /* 1-based row of the header */
	size_t col[N_WCOLS]; /* 1-based; 0 = absent */
	int found;
};

static void find_header(const struct bc_xlsx *x, size_t sheet,
			struct header *best)
{
	memset(best, 0, sizeof *best);
	size_t rows = bc_xlsx_rows(x, sheet);
	for (size_t r = 1; r <= rows && r <= HEADER_SCAN; r++) {
		struct header h = { .row = r };
		for (size_t c = 1; c <= 64; c++) {
			int k = header_col(bc_xlsx_cell(x, sheet, r, c));
			if (k >= 0 && !h.col[k]) {
				h.col[k] = c;
				h.found += required(k);
			}
		}
		if (h.found > best->found)
			*best = h;
	}
}

static bool header_complete(const struct header *h)
{
	for (int c = 0; c < N_WCOLS; c++)
		if (required(c) && !h->col[c])
			return false;
	return true;
}

/* ---- the dictionary files, line by line ------------------------------- */

struct drow {
	size_t file, line;
	char *f[N_COLS];         /* owned copy, split */
	char *store;
	unsigned char prov[BC_LANG__COUNT];
	bool changed;
	size_t official_no_row;  /* sheet row that last joined it */
};

struct dfile {
	char *name;              /* base name */
	char **lines;            /* owned */
	size_t n_lines;
	bool trailing_nl, changed;
};

struct dset {
	struct dfile files[MAX_FILES];
	size_t n_files;
	struct drow *rows;
	size_t n_rows, cap_rows;
};

static void dset_free(struct dset *s)
{
	for (size_t i = 0; i < s->n_files; i++) {
		for (size_t j = 0; j < s->files[i].n_lines; j++)
			free(s->files[i].lines[j]);
		free(s->files[i].lines);
		free(s->files[i].name);
	}
	for (size_t i = 0; i < s->n_rows; i++)
		free(s->rows[i].store);
	free(s->rows);
}

static int prov_of(const char *s, size_t n)
{
	for (int i = 1; i < BC_PROV__COUNT; i++) {
		const char *p = bc_prov_name((enum bc_prov)i);
		if (strlen(p) == n && !strncmp(s, p, n))
			return i;
	}
	return -1;
}

static bool prov_parse(const char *s, unsigned char prov[BC_LANG__COUNT])
{
	int star = BC_PROV_NONE;
	int own[BC_LANG__COUNT] = { 0 };
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *eq = strchr(s, '='), *end;
		if (!eq)
			return false;
		for (end = eq; *end && *end != ' '; end++)
			;
		int p = prov_of(eq + 1, (size_t)(end - eq - 1));
		char tag[16];
		size_t tn = (size_t)(eq - s);
		if (p < 0 || !tn || tn >= sizeof tag)
			return false;
		memcpy(tag, s, tn);
		tag[tn] = '\0';
		if (!strcmp(tag, "*")) {
			star = p;
		} else {
			int l = bc_lang_parse(tag);
			if (l < 0)
				return false;
			own[l] = p;
		}
		s = end;
	}
	for (int l = 0; l < BC_LANG__COUNT; l++)
		prov[l] = (unsigned char)(own[l] ? own[l] : star);
	return true;
}

/* "*=<most frequent> lang=status ..." in DESIGN order. */
static void prov_format(const unsigned char prov[BC_LANG__COUNT],
			struct bc_buf *out)
{
	int count[BC_PROV__COUNT] = { 0 }, star = 0;
	for (int l = 0; l < BC_LANG__COUNT; l++)
		count[prov[l]]++;
	for (int p = 1; p < BC_PROV__COUNT; p++)
		if (count[p] > count[star])
			star = p;
	bc_buf_printf(out, "*=%s", bc_prov_name((enum bc_prov)star));
	for (int l = 0; l < BC_LANG__COUNT; l++)
		if (prov[l] != star)
			bc_buf_printf(out, " %s=%s",
				      bc_lang_tag((enum bc_lang)l),
				      bc_prov_name((enum bc_prov)prov[l]));
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum bc_err read_file(struct dset *s, const char *dir,
			     const char *name, char *why, size_t why_size)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return BC_E_IO;
	}
	struct bc_buf b;
	bc_buf_init(&b, MAX_FILE_BYTES);
	char chunk[65536];
	size_t n;
	enum bc_err e = BC_E_OK;
	while (!e && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		e = bc_buf_add(&b, chunk, n);
	fclose(fp);
	if (e) {
		snprintf(why, why_size, "%s: larger than %u bytes", path,
			 MAX_FILE_BYTES);
		bc_buf_free(&b);
		return e;
	}
	struct dfile *df = &s->files[s->n_files];
	memset(df, 0, sizeof *df);
	df->name = strdup(name);
	df->lines = calloc(MAX_LINES, sizeof *df->lines);
	if (!df->name || !df->lines) {
		free(df->name);
		free(df->lines);
		bc_buf_free(&b);
		return BC_E_NOMEM;
	}
	s->n_files++;
	const char *p = b.data ? b.data : "", *end = p + b.len;
	df->trailing_nl = b.len && end[-1] == '\n';
	bool header = true;
	while (p < end && !e) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (df->n_lines == MAX_LINES) {
			snprintf(why, why_size, "%s: more than %d lines", path,
				 MAX_LINES);
			e = BC_E_TOOBIG;
			break;
		}
		char *line = strndup(p, (size_t)(le - p));
		if (!line) {
			e = BC_E_NOMEM;
			break;
		}
		size_t ln = df->n_lines;
		df->lines[df->n_lines++] = line;
		p = nl ? nl + 1 : end;
		if (line[0] == '#' || line[0] == '\0' || line[0] == '\r')
			continue;
		if (header) {
			header = false;
			continue;
		}
		if (s->n_rows == s->cap_rows) {
			size_t cap = s->cap_rows ? s->cap_rows * 2 : 256;
			struct drow *r = realloc(s->rows, cap * sizeof *r);
			if (!r) {
				e = BC_E_NOMEM;
				break;
			}
			s->rows = r;
			s->cap_rows = cap;
		}
		struct drow *r = &s->rows[s->n_rows];
		memset(r, 0, sizeof *r);
		r->file = s->n_files - 1;
		r->line = ln;
		r->store = strdup(line);
		if (!r->store) {
			e = BC_E_NOMEM;
			break;
		}
		s->n_rows++;
		size_t nf = 0;
		for (char *q = r->store; nf < N_COLS;) {
			r->f[nf++] = q;
			char *t = strchr(q, '\t');
			if (!t)
				break;
			*t = '\0';
			q = t + 1;
		}
		char *cr = strchr(r->f[nf - 1], '\r');
		if (cr)
			*cr = '\0';
		if (nf != N_COLS || !prov_parse(r->f[COL_PROV], r->prov)) {
			snprintf(why, why_size, "%s:%zu: not a dictionary row "
				 "(run `bosaicast dict check`)", path, ln + 1);
			e = BC_E_DICT;
		}
	}
	bc_buf_free(&b);
	return e;
}

static enum bc_err read_dir(struct dset *s, const char *dir, char *why,
			    size_t why_size)
{
	char *names[MAX_FILES];
	size_t n = 0;
	enum bc_err e = BC_E_OK;
	DIR *dh = opendir(dir);
	if (!dh) {
		snprintf(why, why_size, "%s: %s", dir, strerror(errno));
		return BC_E_IO;
	}
	struct dirent *de;
	while (!e && (de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".tsv") ||
		    de->d_name[0] == '.' ||
		    !strcmp(de->d_name, BC_DICT_STAGING_FILE))
			continue;
		if (n == MAX_FILES) {
			snprintf(why, why_size, "%s: more than %d files", dir,
				 MAX_FILES);
			e = BC_E_TOOBIG;
		} else if (!(names[n++] = strdup(de->d_name))) {
			n--;
			e = BC_E_NOMEM;
		}
	}
	closedir(dh);
	qsort(names, n, sizeof names[0], cmp_name);
	for (size_t i = 0; i < n && !e; i++)
		e = read_file(s, dir, names[i], why, why_size);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return e;
}

/* ---- cleaning official text -------------------------------------------- */

/* Trim, turn every run of whitespace and line breaks into one space
 * (lines_as_backslash_n: line breaks into the code tables' literal "\n"
 * instead, for matching Japanese), NFC.  Appends to out. */
static enum bc_err clean(const char *s, bool lines_as_backslash_n,
			 struct bc_buf *out)
{
	struct bc_buf t;
	bc_buf_init(&t, 1u << 20);
	enum bc_err e = BC_E_OK;
	bool pending = false, nl = false;
	const char *p = s;
	while (*p && !e) {
		size_t w = 0;
		bool is_nl = false;
		if (*p == '\n' || *p == '\r') {
			w = 1;
			is_nl = true;
		} else if (*p == ' ' || *p == '\t') {
			w = 1;
		} else if (!strncmp(p, "\u00a0", 2) ||
			   (!lines_as_backslash_n &&
			    !strncmp(p, "\u3000", 3))) {
			/* JMA's Japanese may use the ideographic space
			 * (地震　震源地); a translation never should. */
			w = (unsigned char)*p == 0xE3 ? 3 : 2;
		}
		if (w) {
			pending = true;
			nl = nl || is_nl;
			p += w;
			continue;
		}
		if (pending && t.len) {
			if (nl && lines_as_backslash_n)
				e = bc_buf_adds(&t, "\\n");
			else
				e = bc_buf_addc(&t, ' ');
		}
		pending = nl = false;
		if (!e)
			e = bc_buf_addc(&t, *p++);
	}
	if (!e)
		e = bc_l10n_nfc(t.data ? t.data : "", t.len, out);
	bc_buf_free(&t);
	return e;
}

/* Digits without leading zeros compare as numbers ("3" = "03"). */
static bool same_code(const char *a, const char *b)
{
	bool da = *a, db = *b;
	for (const char *p = a; *p; p++)
		da = da && *p >= '0' && *p <= '9';
	for (const char *p = b; *p; p++)
		db = db && *p >= '0' && *p <= '9';
	if (da && db) {
		while (*a == '0' && a[1])
			a++;
		while (*b == '0' && b[1])
			b++;
	}
	return strcmp(a, b) == 0;
}

/* ---- writing ------------------------------------------------------------ */

static enum bc_err write_file(const char *dir, const char *name,
			      char *const *lines, size_t n, bool trailing_nl,
			      char *why, size_t why_size)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		snprintf(why, why_size, "%s: %s", tmp, strerror(errno));
		return BC_E_IO;
	}
	for (size_t i = 0; i < n; i++) {
		fputs(lines[i], f);
		if (i + 1 < n || trailing_nl)
			fputc('\n', f);
	}
	bool bad = ferror(f) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp, path) != 0) {
		snprintf(why, why_size, "%s: cannot write", path);
		unlink(tmp);
		return BC_E_IO;
	}
	return BC_E_OK;
}

/* Headline rows (text.*: JMA's sentences, and words as they stand in a
 * sentence) are the project's: an official term joins its own row, whose
 * in-sentence form the linter then holds to it (case aside). */
static bool is_text_row(const struct drow *r)
{
	return strncmp(r->f[0], "text.", 5) == 0;
}

static char *join_row(struct drow *r)
{
	struct bc_buf b;
	bc_buf_init(&b, 4u << 20);
	for (int i = 0; i < N_COLS; i++) {
		if (i)
			bc_buf_addc(&b, '\t');
		bc_buf_adds(&b, r->f[i]);
	}
	size_t len;
	return bc_buf_steal(&b, &len);
}

static void today_jst(char *out, size_t size)
{
	time_t t = time(NULL) + 9 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

/* Tabs and line breaks would break the TSV. */
static void flatten(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r')
			*s = ' ';
}

/* ---- the import ------------------------------------------------------------ */

struct ctx {
	const struct bc_dict_import_opts *o;
	struct bc_dict_import_stats *st;
	struct bc_buf *rep;
	struct dset ds;
	const char *base;  /* workbook file name for notes */
	char date[32];
	struct bc_buf staging;
	struct bc_arena arena; /* cleaned strings kept for rows */
};

static enum bc_err apply(struct ctx *c, struct drow *m, char *const *cell,
			 const char *no, const char *table, const char *code,
			 bool sibling);

static enum bc_err import_row(struct ctx *c, const struct bc_xlsx *x,
			      size_t sheet, const struct header *h, size_t row)
{
	char *cell[N_WCOLS] = { 0 };
	enum bc_err e = BC_E_OK;
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	for (int k = 0; k < N_WCOLS && !e; k++) {
		if (!h->col[k])
			continue;
		bc_buf_reset(&b);
		const char *raw = bc_xlsx_cell(x, sheet, row, h->col[k]);
		e = clean(raw, k == C_LANG0 + BC_LANG_JA, &b);
		if (!e) {
			cell[k] = bc_arena_strndup(&c->arena,
						   b.data ? b.data : "", b.len);
			if (!cell[k])
				e = BC_E_NOMEM;
			else
				flatten(cell[k]);
		}
	}
	bc_buf_free(&b);
	if (e)
		return e;
	const char *ja = cell[C_LANG0 + BC_LANG_JA];
	if (!ja || !*ja)
		return BC_E_OK; /* a blank or section row */
	c->st->official_rows++;
	const char *no = cell[C_NO] && *cell[C_NO] ? cell[C_NO] : "?";
	const char *table = cell[C_TABLE] ? cell[C_TABLE] : "";
	const char *code = cell[C_CODE] ? cell[C_CODE] : "";

	/* Every shipped row with this Japanese (JMA reuses a text under
	 * several codes; the linter keeps such rows identical). */
	struct drow *m = NULL;
	bool by_ja = false;
	for (size_t i = 0; i < c->ds.n_rows; i++) {
		if (strcmp(c->ds.rows[i].f[N_FIXED + BC_LANG_JA], ja) != 0 ||
		    is_text_row(&c->ds.rows[i]))
			continue;
		e = apply(c, &c->ds.rows[i], cell, no, table, code, by_ja);
		if (e)
			return e;
		by_ja = true;
	}
	if (by_ja) {
		c->st->matched++;
		return BC_E_OK;
	}
	if (*table && *code) {
		size_t hits = 0;
		for (size_t i = 0; i < c->ds.n_rows; i++) {
			struct drow *r = &c->ds.rows[i];
			if (!strcmp(r->f[2], table) && same_code(r->f[3], code)) {
				hits++;
				m = r;
			}
		}
		if (hits > 1) {
			bc_buf_printf(c->rep, "%s: No. %s (%s %s, %s): %zu "
				      "shipped rows have this code and none "
				      "this Japanese: not joined, kept in "
				      "%s\n", c->base, no, table, code, ja,
				      hits, BC_DICT_STAGING_FILE);
			m = NULL;
		} else if (m) {
			bc_buf_printf(c->rep, "%s:%zu: %s: joined No. %s on "
				      "code %s %s although JMA's Japanese is "
				      "'%s': check\n",
				      c->ds.files[m->file].name, m->line + 1,
				      m->f[0], no, table, code, ja);
		}
	}
	if (!m) {
		/* Complete row for the staging file; the key says where it
		 * came from. */
		char key[64];
		size_t o = (size_t)snprintf(key, sizeof key, "jma.");
		for (const char *p = no; *p && o + 1 < sizeof key; p++)
			if ((*p >= 'A' && *p <= 'Z') ||
			    (*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' ||
			    *p == '-' || *p == '_')
				key[o++] = *p;
		if (o == 4)
			o += (size_t)snprintf(key + o, sizeof key - o,
					      "row%zu", row);
		key[o] = '\0';
		struct bc_buf *s = &c->staging;
		bc_buf_printf(s, "%s\t%s\t%s\t%s", key,
			      cell[C_INFO] ? cell[C_INFO] : "", table, code);
		for (int l = 0; l < BC_LANG__COUNT; l++) {
			const char *v = l == BC_LANG_JA_EASY ? NULL
							      : cell[C_LANG0 + l];
			bc_buf_printf(s, "\t%s", v ? v : "");
		}
		bc_buf_printf(s, "\t*=jma-official\tJMA import (%s, %s, No. "
			      "%s); 種別: %s; 備考: %s; 更新履歴: %s\n",
			      c->base, c->date, no,
			      cell[C_KIND] ? cell[C_KIND] : "",
			      cell[C_REMARKS] ? cell[C_REMARKS] : "",
			      cell[C_HISTORY] ? cell[C_HISTORY] : "");
		c->st->unmatched++;
		return BC_E_OK;
	}
	c->st->matched++;
	/* ...and the rows sharing its Japanese, which must read alike. */
	const char *mja = m->f[N_FIXED + BC_LANG_JA];
	for (size_t i = 0; i < c->ds.n_rows && !e; i++)
		if (!strcmp(c->ds.rows[i].f[N_FIXED + BC_LANG_JA], mja) &&
		    !is_text_row(&c->ds.rows[i]))
			e = apply(c, &c->ds.rows[i], cell, no, table, code,
				  &c->ds.rows[i] != m);
	return e;
}

/* The official cells of one workbook row over one shipped row; a sibling
 * shares the Japanese of the row that joined (JMA reuses texts under
 * several codes), so its own code is not compared. */
/* Does the note keep lang's cell against JMA's wording?  A tag
 * "[override my zh-Hans: reason]" says the project's text replaced JMA's
 * on purpose (JMA's Burmese advisory reads as a warning): the import
 * reports it and leaves the cell. */
static bool overridden(const char *note, enum bc_lang lang)
{
	const char *tag = bc_lang_tag(lang);
	size_t tl = strlen(tag);
	for (const char *p = note; (p = strstr(p, "[override ")); p++) {
		const char *end = strchr(p, ':');
		const char *close = strchr(p, ']');
		if (!end || (close && close < end))
			continue;
		for (const char *q = p + 10; q < end;) {
			size_t n = strcspn(q, " :");
			if (n == tl && !memcmp(q, tag, tl))
				return true;
			q += n;
			while (*q == ' ')
				q++;
		}
	}
	return false;
}

static enum bc_err apply(struct ctx *c, struct drow *m, char *const *cell,
			 const char *no, const char *table, const char *code,
			 bool sibling)
{
	if (!sibling && *table && *code && *m->f[2] && *m->f[3] &&
	    (strcmp(m->f[2], table) || !same_code(m->f[3], code)))
		bc_buf_printf(c->rep, "%s:%zu: %s: JMA's No. %s gives code "
			      "%s %s, the shipped row %s %s: check\n",
			      c->ds.files[m->file].name, m->line + 1,
			      m->f[0], no, table, code, m->f[2], m->f[3]);
	char replaced[200] = "", confirmed[200] = "";
	size_t nr = 0, nc = 0;
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		const char *v = cell[C_LANG0 + l];
		if (l == BC_LANG_JA_EASY || !v || !*v)
			continue;
		/* The shipped ja is the text of JMA's XML, the join key of
		 * every lookup: never rewritten, only confirmed. */
		if (l == BC_LANG_JA && strcmp(m->f[N_FIXED + l], v) != 0)
			continue;
		char **dst = &m->f[N_FIXED + l];
		bool same = !strcmp(*dst, v);
		if (same && m->prov[l] == BC_PROV_JMA_OFFICIAL)
			continue;
		if (!same && overridden(m->f[COL_NOTE], (enum bc_lang)l)) {
			bc_buf_printf(c->rep, "%s:%zu: %s [%s]: kept '%s', not "
				      "JMA's '%s' (JMA No. %s): [override] "
				      "in the note\n",
				      c->ds.files[m->file].name, m->line + 1,
				      m->f[0], bc_lang_tag((enum bc_lang)l),
				      *dst, v, no);
			c->st->overridden++;
			continue;
		}
		char *list = same ? confirmed : replaced;
		size_t len = strlen(list);
		snprintf(list + len, 200 - len, "%s%s", len ? " " : "",
			 bc_lang_tag((enum bc_lang)l));
		if (!same) {
			bc_buf_printf(c->rep, "%s:%zu: %s [%s]: '%s' -> '%s' "
				      "(JMA No. %s)\n",
				      c->ds.files[m->file].name, m->line + 1,
				      m->f[0], bc_lang_tag((enum bc_lang)l),
				      *dst, v, no);
			*dst = (char *)v;
			nr++;
		} else {
			nc++;
		}
		m->prov[l] = BC_PROV_JMA_OFFICIAL;
	}
	c->st->replaced += nr;
	c->st->confirmed += nc;
	if (!nr && !nc)
		return BC_E_OK;
	struct bc_buf nb;
	bc_buf_init(&nb, 1u << 20);
	bc_buf_adds(&nb, m->f[COL_NOTE]);
	bc_buf_printf(&nb, "%sJMA import (%s, %s, No. %s)%s%s%s%s",
		      *m->f[COL_NOTE] ? "; " : "", c->base, c->date, no,
		      nr ? ": replaced " : "", replaced,
		      nc ? (nr ? ", confirmed " : ": confirmed ") : "",
		      confirmed);
	struct bc_buf pb;
	bc_buf_init(&pb, 4096);
	prov_format(m->prov, &pb);
	m->f[COL_NOTE] = bc_arena_strndup(&c->arena, nb.data ? nb.data : "",
					  nb.len);
	m->f[COL_PROV] = bc_arena_strndup(&c->arena, pb.data ? pb.data : "",
					  pb.len);
	bc_buf_free(&nb);
	bc_buf_free(&pb);
	if (!m->f[COL_NOTE] || !m->f[COL_PROV])
		return BC_E_NOMEM;
	m->changed = true;
	c->ds.files[m->file].changed = true;
	return BC_E_OK;
}

enum bc_err bc_dict_import(const struct bc_dict_import_opts *o,
			   struct bc_dict_import_stats *st,
			   struct bc_buf *report, char *why, size_t why_size)
{
	struct ctx c = { .o = o, .st = st, .rep = report };
	struct bc_xlsx *x = NULL;
	struct bc_xlsx_limits lim;
	char dir[4096];
	enum bc_err e;
	memset(st, 0, sizeof *st);
	bc_arena_init(&c.arena);
	bc_buf_init(&c.staging, 64u << 20);
	if (o->limits)
		lim = *o->limits;
	else
		bc_xlsx_default_limits(&lim);
	const char *slash = strrchr(o->xlsx_path, '/');
	c.base = slash ? slash + 1 : o->xlsx_path;
	if (o->date)
		snprintf(c.date, sizeof c.date, "%s", o->date);
	else
		today_jst(c.date, sizeof c.date);

	e = bc_xlsx_open(o->xlsx_path, &lim, &x, why, why_size);
	if (e)
		goto cleanup;
	snprintf(dir, sizeof dir, "%s/dictionaries", o->data_dir);
	e = read_dir(&c.ds, dir, why, why_size);
	if (e)
		goto cleanup;
	struct header best = { 0 };
	size_t used = 0;
	for (size_t s = 0; s < bc_xlsx_sheets(x) && !e; s++) {
		struct header h;
		find_header(x, s, &h);
		if (!header_complete(&h)) {
			if (h.found > best.found)
				best = h;
			bc_buf_printf(report, "%s: sheet '%s' has no "
				      "dictionary header: skipped\n", c.base,
				      bc_xlsx_sheet_name(x, s));
			continue;
		}
		used++;
		for (size_t r = h.row + 1; r <= bc_xlsx_rows(x, s) && !e; r++)
			e = import_row(&c, x, s, &h, r);
	}
	if (!e && !used) {
		size_t n = (size_t)snprintf(why, why_size, "%s: wrong header: "
					    "no sheet has the columns of JMA's "
					    "dictionary; missing:", c.base);
		for (int k = 0; k < N_WCOLS && n < why_size; k++)
			if (required(k) && !best.col[k])
				n += (size_t)snprintf(why + n, why_size - n,
						      " %s", wcol_name(k));
		e = BC_E_PARSE;
	}
	if (e)
		goto cleanup;
	/* Everything is in memory and checked: now write. */
	const char *out = o->out_dir ? o->out_dir : dir;
	for (size_t i = 0; i < c.ds.n_rows && !e; i++) {
		struct drow *r = &c.ds.rows[i];
		if (!r->changed)
			continue;
		char *line = join_row(r);
		if (!line) {
			e = BC_E_NOMEM;
			break;
		}
		struct dfile *f = &c.ds.files[r->file];
		free(f->lines[r->line]);
		f->lines[r->line] = line;
	}
	for (size_t i = 0; i < c.ds.n_files && !e; i++) {
		struct dfile *f = &c.ds.files[i];
		if (f->changed || o->out_dir)
			e = write_file(out, f->name, f->lines, f->n_lines,
				       f->trailing_nl, why, why_size);
	}
	if (!e && c.staging.len) {
		struct bc_buf s;
		bc_buf_init(&s, 80u << 20);
		bc_buf_printf(&s, "# 出典：気象庁ホームページ (Source: Japan "
			      "Meteorological Agency), Public Data License "
			      "1.0: jma_multilingual.xlsx.\n# Official rows of "
			      "%s (imported %s) that join no shipped row. Not "
			      "loaded: move rows into a family file, add "
			      "ja-x-easy, run `bosaicast dict check`.\n",
			      c.base, c.date);
		bc_buf_adds(&s, "key\tinfo_type\tcode_table\tcode");
		for (int l = 0; l < BC_LANG__COUNT; l++)
			bc_buf_printf(&s, "\t%s", bc_lang_tag((enum bc_lang)l));
		bc_buf_adds(&s, "\tprovenance\tnote\n");
		e = bc_buf_add(&s, c.staging.data, c.staging.len);
		char *lines[1] = { s.data };
		if (!e && s.len && s.data[s.len - 1] == '\n')
			s.data[--s.len] = '\0';
		if (!e)
			e = write_file(out, BC_DICT_STAGING_FILE, lines, 1,
				       true, why, why_size);
		bc_buf_free(&s);
	}
cleanup:
	bc_xlsx_free(x);
	dset_free(&c.ds);
	bc_buf_free(&c.staging);
	bc_arena_free(&c.arena);
	return e;
}

/* ---- `bosaicast dict` ---------------------------------------------------- */

static int cli_check(const char *data_dir)
{
	struct bc_dict *d = NULL;
	char why[1024];
	if (bc_dict_load(data_dir, &d, why, sizeof why)) {
		fprintf(stderr, "bosaicast dict check: %s\n", why);
		return 1;
	}
	struct bc_buf rep;
	bc_buf_init(&rep, 64u << 20);
	size_t problems = bc_dict_check(d, &rep);
	if (rep.len)
		fwrite(rep.data, 1, rep.len, stdout);
	printf("dict check: %zu problem%s\n", problems,
	       problems == 1 ? "" : "s");
	bc_buf_free(&rep);
	bc_dict_free(d);
	return problems ? 1 : 0;
}

int bc_dict_cli(const char *data_dir, char **args, size_t n)
{
	if (n == 1 && !strcmp(args[0], "check"))
		return cli_check(data_dir);
	if (n < 2 || strcmp(args[0], "import") != 0) {
		fprintf(stderr, "usage: bosaicast dict check\n"
			"       bosaicast dict import FILE.xlsx [--out DIR] "
			"[--date YYYY-MM-DD]\n");
		return 2;
	}
	struct bc_dict_import_opts o = { .data_dir = data_dir };
	for (size_t i = 1; i < n; i++) {
		if (!strcmp(args[i], "--out") && i + 1 < n) {
			o.out_dir = args[++i];
		} else if (!strncmp(args[i], "--out=", 6)) {
			o.out_dir = args[i] + 6;
		} else if (!strcmp(args[i], "--date") && i + 1 < n) {
			o.date = args[++i];
		} else if (args[i][0] != '-' && !o.xlsx_path) {
			o.xlsx_path = args[i];
		} else {
			fprintf(stderr, "bosaicast dict import: unexpected "
				"'%s'\n", args[i]);
			return 2;
		}
	}
	if (!o.xlsx_path) {
		fprintf(stderr, "bosaicast dict import: which .xlsx?\n");
		return 2;
	}
	struct bc_dict_import_stats st;
	struct bc_buf rep;
	char why[1024];
	bc_buf_init(&rep, 64u << 20);
	enum bc_err e = bc_dict_import(&o, &st, &rep, why, sizeof why);
	if (rep.len)
		fwrite(rep.data, 1, rep.len, stdout);
	bc_buf_free(&rep);
	if (e) {
		fprintf(stderr, "bosaicast dict import: %s: %s\n",
			bc_strerror(e), why);
		return 1;
	}
	printf("dict import: %zu official rows, %zu joined, %zu cells "
	       "replaced, %zu confirmed, %zu overridden, %zu kept in %s; now "
	       "review `git diff` and run `bosaicast dict check`\n",
	       st.official_rows, st.matched, st.replaced, st.confirmed,
	       st.overridden, st.unmatched, BC_DICT_STAGING_FILE);
	return 0;
}
