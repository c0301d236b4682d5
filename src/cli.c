/* cli.c — argument parsing and the one-shot commands. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "daemon.h"
#include "dict.h"
#include "jmaxml.h"
#include "l10n.h"
#include "lang.h"
#include "log.h"
#include "pipeline.h"
#include "source.h"

#ifndef BC_VERSION
#define BC_VERSION "dev"
#endif

static void usage(FILE *f)
{
	fprintf(f,
		"usage: bosaicast run [--config FILE] [--KEY VALUE...] [--once] [FILE...]\n"
		"       bosaicast render [--lang L[,L...]] [--topics] [--city CODE] FILE...\n"
		"       bosaicast dict check\n"
		"       bosaicast dict import jma_multilingual.xlsx [--out DIR] [--date YYYY-MM-DD]\n"
		"       bosaicast version\n"
		"\n"
		"run     the daemon: documents from FILEs ('-' = stdin), the spool\n"
		"        directory (--spool-dir DIR) → MQTT broker (--mqtt-host,\n"
		"        --mqtt-port, --mqtt-username, --mqtt-password-file, ...).\n"
		"        --once: exit when everything queued is acknowledged.\n"
		"render  print the localized payloads, one JSON object per line;\n"
		"        --topics prefixes each with its MQTT topic; --city CODE\n"
		"        keeps only that municipality's area messages.\n"
		"dict check  lint dictionaries and templates.\n"
		"dict import  merge JMA's official multilingual dictionary workbook\n"
		"        into dictionaries/ (or DIR), keeping attribution.\n"
		"Every config-file key is also a flag: --KEY VALUE (see\n"
		"config/bosaicast.conf.example).  BOSAICAST_DATA_DIR overrides the\n"
		"data directory.\n");
}

/* Parse "--key value" options into cfg; other arguments are kept in
 * rest.  Handles --config first so that flags override the file.  Returns
 * false on error (reported). */
struct cli_flags {
	bool once, topics;
	const char *city;
	uint32_t langs;
	int once_timeout_ms;
};

static bool parse_args(int argc, char **argv, struct bc_config *cfg,
		       struct cli_flags *fl, char **rest, size_t *n_rest)
{
	char why[512];
	*n_rest = 0;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--config") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "bosaicast: --config needs a "
					"file\n");
				return false;
			}
			if (bc_config_load_file(cfg, argv[i + 1], why,
						sizeof why)) {
				fprintf(stderr, "bosaicast: %s\n", why);
				return false;
			}
		}
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--config") == 0) {
			i++;
			continue;
		}
		if (strcmp(a, "--once") == 0) {
			fl->once = true;
			continue;
		}
		if (strcmp(a, "--topics") == 0) {
			fl->topics = true;
			continue;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			rest[(*n_rest)++] = argv[i];
			continue;
		}
		/* Options of `dict import`, passed through to it. */
		if ((strcmp(a, "--out") == 0 || strcmp(a, "--date") == 0) &&
		    i + 1 < argc) {
			rest[(*n_rest)++] = argv[i++];
			rest[(*n_rest)++] = argv[i];
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "bosaicast: %s needs a value\n", a);
			return false;
		}
		const char *v = argv[++i];
		if (strcmp(a, "--lang") == 0) {
			fl->langs = bc_lang_parse_list(v);
			if (!fl->langs) {
				fprintf(stderr, "bosaicast: --lang: '%s' is "
					"not a list of language tags\n", v);
				return false;
			}
			continue;
		}
		if (strcmp(a, "--city") == 0) {
			fl->city = v;
			continue;
		}
		if (strcmp(a, "--once-timeout") == 0) {
			fl->once_timeout_ms = atoi(v) * 1000;
			continue;
		}
		if (bc_config_set(cfg, a + 2, v, why, sizeof why)) {
			fprintf(stderr, "bosaicast: %s\n", why);
			return false;
		}
	}
	return true;
}

struct render_ctx {
	bool topics;
	const char *city;
	size_t n;
};

static void emit(void *ud, const struct bc_message *m)
{
	struct render_ctx *rc = ud;
	if (rc->city && strstr(m->topic, "/areas/")) {
		/* Only the chosen municipality's messages (and the national). */
		char needle[16];
		snprintf(needle, sizeof needle, "/%s/", rc->city);
		if (!strstr(m->topic, needle))
			return;
	}
	if (rc->topics)
		printf("%s\t", m->topic);
	fwrite(m->payload, 1, m->len, stdout);
	putchar('\n');
	rc->n++;
}

static int cmd_render(struct bc_config *cfg, struct cli_flags *fl,
		      char **files, size_t n)
{
	struct bc_pipeline *p = NULL;
	char why[1024];
	int status = 0;
	if (n == 0) {
		fprintf(stderr, "bosaicast render: no documents given\n");
		return 2;
	}
	if (bc_pipeline_open(cfg, NULL, &p, why, sizeof why)) {
		fprintf(stderr, "bosaicast: cannot load data: %s\n", why);
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		char *data = NULL;
		size_t len = 0;
		const char *name = strcmp(files[i], "-") ? files[i] : "<stdin>";
		enum bc_err e = strcmp(files[i], "-")
			? bc_read_file(files[i], cfg->max_document_bytes, &data,
				       &len, why, sizeof why)
			: bc_read_fd(0, name, cfg->max_document_bytes, &data,
				     &len, why, sizeof why);
		if (e) {
			fprintf(stderr, "bosaicast: %s\n", why);
			status = 1;
			continue;
		}
		struct render_ctx rc = { .topics = fl->topics,
					 .city = fl->city };
		e = bc_pipeline_render(p, data, len, name,
				       fl->langs ? fl->langs : cfg->languages,
				       emit, &rc, why, sizeof why);
		free(data);
		if (e == BC_E_UNSUPPORTED) {
			fprintf(stderr, "bosaicast: %s: skipped: %s\n", name,
				why);
		} else if (e) {
			fprintf(stderr, "bosaicast: %s: %s: %s\n", name,
				bc_strerror(e), why);
			status = 1;
		}
	}
	fflush(stdout);
	bc_pipeline_close(p);
	return status;
}

int bc_cli_main(int argc, char **argv)
{
	struct bc_config cfg;
	struct cli_flags fl = { .once_timeout_ms = 60000 };
	char why[512];
	int status = 2;
	bc_config_defaults(&cfg);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("bosaicast %s\n", BC_VERSION);
		return 0;
	}
	char **rest = calloc((size_t)argc, sizeof *rest);
	size_t n_rest = 0;
	if (!rest)
		return 1;
	if (!parse_args(argc - 2, argv + 2, &cfg, &fl, rest, &n_rest))
		goto out;
	bc_log_set_level((enum bc_log_level)cfg.log_level);
	/* Only the daemon needs the broker's password. */
	if (!strcmp(cmd, "run") && bc_config_finish(&cfg, why, sizeof why)) {
		fprintf(stderr, "bosaicast: %s\n", why);
		goto out;
	}
	bc_jmaxml_global_init();
	if (!strcmp(cmd, "run")) {
		struct bc_daemon_opts o = {
			.files = rest, .n_files = n_rest, .once = fl.once,
			.once_timeout_ms = fl.once_timeout_ms,
		};
		status = bc_daemon_run(&cfg, &o);
	} else if (!strcmp(cmd, "render")) {
		status = cmd_render(&cfg, &fl, rest, n_rest);
	} else if (!strcmp(cmd, "dict")) {
		status = bc_dict_cli(cfg.data_dir, rest, n_rest);
	} else {
		fprintf(stderr, "bosaicast: unknown command '%s'\n", cmd);
		usage(stderr);
	}
	bc_jmaxml_global_cleanup();
	bc_l10n_cleanup();
out:
	free(rest);
	return status;
}
