/* source.c — files, standard input and the spool directory. */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

enum bc_err bc_read_fd(int fd, const char *name, size_t max, char **data,
		       size_t *len, char *why, size_t why_size)
{
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		return BC_E_NOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				snprintf(why, why_size, "%s: larger than the "
					 "limit of %zu bytes", name, max);
				return BC_E_TOOBIG;
			}
			cap *= 2;
			char *p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				return BC_E_NOMEM;
			}
			buf = p;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(why, why_size, "%s: %s", name,
				 strerror(errno));
			free(buf);
			return BC_E_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(buf);
		snprintf(why, why_size, "%s: larger than the limit of %zu "
			 "bytes", name, max);
		return BC_E_TOOBIG;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return BC_E_OK;
}

enum bc_err bc_read_file(const char *path, size_t max, char **data,
			 size_t *len, char *why, size_t why_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return BC_E_IO;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size > max) {
		close(fd);
		snprintf(why, why_size, "%s: %lld bytes, over the limit of "
			 "%zu", path, (long long)st.st_size, max);
		return BC_E_TOOBIG;
	}
	enum bc_err e = bc_read_fd(fd, path, max, data, len, why, why_size);
	close(fd);
	return e;
}

/* ---- spool ---------------------------------------------------------------- */

struct bc_spool {
	char dir[PATH_MAX / 2];
	int fd;
	int wd;
	size_t max_bytes;
};

static bool ignored(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n >= 4 && strcmp(name + n - 4, ".tmp") == 0) ||
	       strcmp(name, "done") == 0 || strcmp(name, "failed") == 0;
}

static enum bc_err mkdir_p1(const char *path, char *why, size_t why_size)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return BC_E_OK;
	snprintf(why, why_size, "%s: %s", path, strerror(errno));
	return BC_E_IO;
}

enum bc_err bc_spool_open(const char *dir, size_t max_bytes,
			  struct bc_spool **out, char *why, size_t why_size)
{
	*out = NULL;
	struct bc_spool *s = calloc(1, sizeof *s);
	if (!s)
		return BC_E_NOMEM;
	s->fd = -1;
	s->max_bytes = max_bytes;
	char sub[PATH_MAX];
	enum bc_err e;
	if (strlen(dir) >= sizeof s->dir) {
		snprintf(why, why_size, "%s: path too long", dir);
		e = BC_E_INVAL;
		goto fail;
	}
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	if ((e = mkdir_p1(dir, why, why_size)))
		goto fail;
	snprintf(sub, sizeof sub, "%s/done", dir);
	if ((e = mkdir_p1(sub, why, why_size)))
		goto fail;
	snprintf(sub, sizeof sub, "%s/failed", dir);
	if ((e = mkdir_p1(sub, why, why_size)))
		goto fail;
	s->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->fd < 0) {
		snprintf(why, why_size, "%s: inotify: %s", dir, strerror(errno));
		e = BC_E_IO;
		goto fail;
	}
	/* A finished write (close after writing) or a rename into the
	 * directory: never a half-written file. */
	s->wd = inotify_add_watch(s->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO);
	if (s->wd < 0) {
		snprintf(why, why_size, "%s: inotify watch: %s", dir,
			 strerror(errno));
		e = BC_E_IO;
		goto fail;
	}
	*out = s;
	return BC_E_OK;
fail:
	bc_spool_close(s);
	return e;
}

void bc_spool_close(struct bc_spool *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

int bc_spool_fd(const struct bc_spool *s)
{
	return s->fd;
}

/* Move name to sub/ (done or failed), with an optional reason file. */
static void retire(struct bc_spool *s, const char *name, const char *sub,
		   const char *reason)
{
	char from[PATH_MAX], to[PATH_MAX];
	snprintf(from, sizeof from, "%s/%s", s->dir, name);
	snprintf(to, sizeof to, "%s/%s/%s", s->dir, sub, name);
	if (rename(from, to) != 0) {
		bc_err_log("spool", "%s: cannot move to %s/: %s", from, sub,
			   strerror(errno));
		/* Never process it twice: remove what cannot be moved. */
		unlink(from);
		return;
	}
	if (!reason)
		return;
	snprintf(to, sizeof to, "%s/%s/%s.reason", s->dir, sub, name);
	FILE *f = fopen(to, "w");
	if (f) {
		fprintf(f, "%s\n", reason);
		fclose(f);
	}
}

/* Returns true when the document stays for a retry. */
static bool process(struct bc_spool *s, const char *name, bc_spool_handler h,
		    void *ud)
{
	char path[PATH_MAX], why[1024] = "";
	char *data = NULL;
	size_t len = 0;
	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false; /* gone already, or not a plain file */
	enum bc_err e = bc_read_file(path, s->max_bytes, &data, &len, why,
				     sizeof why);
	if (e == BC_E_IO)
		return true;
	enum bc_spool_outcome o;
	if (e) {
		bc_err_log("spool", "%s", why);
		o = BC_SPOOL_FAILED;
	} else {
		o = h(ud, path, data, len, why, sizeof why);
	}
	free(data);
	if (o == BC_SPOOL_RETRY)
		return true;
	retire(s, name, o == BC_SPOOL_DONE ? "done" : "failed",
	       o == BC_SPOOL_FAILED ? why : NULL);
	return false;
}

static bool too_young(const struct bc_spool *s, const char *name,
		      time_t young)
{
	char path[PATH_MAX];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_mtime > young;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files modified less than min_age_s ago are left alone (and counted as
 * pending): a writer that does not rename may still be writing them. */
static enum bc_err scan(struct bc_spool *s, bc_spool_handler h, void *ud,
			int min_age_s, size_t *pending)
{
	DIR *d = opendir(s->dir);
	if (!d) {
		bc_err_log("spool", "%s: %s", s->dir, strerror(errno));
		return BC_E_IO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0, left = 0;
	enum bc_err e = BC_E_OK;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (ignored(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(names, cap * sizeof *p);
			if (!p) {
				e = BC_E_NOMEM;
				break;
			}
			names = p;
		}
		if (!(names[n] = strdup(de->d_name))) {
			e = BC_E_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (!e && n > 1) /* names is NULL when the spool is empty */
		qsort(names, n, sizeof *names, cmp_name);
	time_t young = min_age_s > 0 ? time(NULL) - min_age_s : 0;
	for (size_t i = 0; i < n; i++) {
		if (!e && min_age_s > 0 && too_young(s, names[i], young))
			left++;
		else if (!e && process(s, names[i], h, ud))
			left++;
		free(names[i]);
	}
	free(names);
	if (pending)
		*pending = left;
	return e;
}

enum bc_err bc_spool_scan(struct bc_spool *s, bc_spool_handler h, void *ud,
			  size_t *pending)
{
	return scan(s, h, ud, 0, pending);
}

enum bc_err bc_spool_sweep(struct bc_spool *s, bc_spool_handler h, void *ud,
			   int min_age_s, size_t *pending)
{
	return scan(s, h, ud, min_age_s, pending);
}

enum bc_err bc_spool_events(struct bc_spool *s, bc_spool_handler h, void *ud)
{
	_Alignas(struct inotify_event) char buf[16384];
	bool overflow = false;
	for (;;) {
		ssize_t n = read(s->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				overflow = true;
				continue;
			}
			if (!ev->len || ignored(ev->name))
				continue;
			process(s, ev->name, h, ud);
		}
	}
	/* Events were lost: the directory itself is the truth. */
	if (overflow)
		return bc_spool_scan(s, h, ud, NULL);
	return BC_E_OK;
}
