/*
 * cli_output.c - outputs: files written to a temporary name and put in place all or
 * none, standard output checked, interrupts cleaned up, the exit status; and
 * graphs written in the format asked for.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------ output */

/* Standard output's failure was dealt with (reported, or its reader gone). */
static int stdout_failed;
/* A pipe's reader left: the run ends quietly by SIGPIPE (cli_exit). */
static int reader_left;

/* Did the reader of fd go away? EPIPE says so; when errno was since
 * overwritten, a pipe or socket without a reader still polls as broken. */
static int reader_gone(int fd, int err)
{
	struct stat st;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	return err == EPIPE ||
	       (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
		poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)));
}

/* "cannot write 'PATH': why" (path NULL: standard output); returns CLI_EXIT_IO. */
static int cannot_write(const char *path, int err)
{
	const char *why = err ? strerror(err) : "write error";
	if (!path) {
		return cli_error(CLI_EXIT_IO, "cannot write to standard output: %s", why);
	}
	return cli_error(CLI_EXIT_IO, "cannot write '%s': %s", path, why);
}

/* Flush standard output; a failure is reported once, and not when its reader left. */
static int stdout_flush(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno; /* a failed fflush's, or the failed write's before it */
	if (!failed) {
		return CLI_EXIT_OK;
	}
	if (!stdout_failed) {
		stdout_failed = 1;
		if (reader_gone(STDOUT_FILENO, err)) {
			reader_left = 1;
		} else {
			cannot_write(NULL, err);
		}
	}
	return CLI_EXIT_IO;
}

int cli_exit(int rc)
{
	int out = stdout_flush();
	if (reader_left) {
		/*
		 * End as cat, jq or git do when their reader leaves: killed by
		 * SIGPIPE, without a word (status 141 in the shell), also when
		 * SIGPIPE came ignored. main() ignores it so that each write fails
		 * with EPIPE instead, temporary files are removed and memory freed.
		 */
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGPIPE);
		signal(SIGPIPE, SIG_DFL);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGPIPE);
	}
	return rc != CLI_EXIT_OK ? rc : out;
}

/*
 * Temporary files that exist now, for an interrupt (Ctrl-C, kill, a closed
 * terminal) to remove before the process dies: unlink() is safe in a
 * signal handler, and a slot is set only once its name is complete and
 * cleared before the name is freed. A name already renamed into place is
 * gone, and unlinking it again does nothing.
 */
enum { TRACKED_MAX = 16 };
static char *volatile tracked[TRACKED_MAX];

static void track(char *tmp, int on)
{
	for (int i = 0; i < TRACKED_MAX; i++) {
		if (on ? tracked[i] == NULL : tracked[i] == tmp) {
			tracked[i] = on ? tmp : NULL;
			return;
		}
	}
}

static void on_interrupt(int sig)
{
	for (int i = 0; i < TRACKED_MAX; i++) {
		if (tracked[i]) {
			unlink(tracked[i]);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig); /* the status says which signal ended the run */
}

void cli_catch_interrupts(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt;
		sigemptyset(&sa.sa_mask);
		/* A signal ignored when geopol started (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
			sigaction(sigs[i], &sa, NULL);
		}
	}
}

static void output_free(cli_output *out)
{
	track(out->tmp, 0);
	free(out->path);
	free(out->tmp);
	free(out->bak);
	memset(out, 0, sizeof(*out));
}

/* The mode of a new output: the replaced file's, or what creat() would give. */
static mode_t output_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		return st.st_mode & 0777;
	}
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int cli_color(const cli_output *out)
{
	const char *term = getenv("TERM");
	return out->fp == stdout && isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
	       !(term && strcmp(term, "dumb") == 0);
}

int cli_output_open(cli_output *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!path || strcmp(path, "-") == 0) {
		out->fp = stdout;
		return CLI_EXIT_OK;
	}
	/*
	 * Only a regular file (or a new one) is replaced atomically. A FIFO, a
	 * device (/dev/stdout) or a terminal is written directly; a symbolic
	 * link is followed, and its target replaced.
	 */
	struct stat st;
	char *real = NULL;
	out->direct = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	if (!out->direct && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
	}
	out->path = strdup(real ? real : path);
	free(real);
	size_t n = out->path ? strlen(out->path) + 16 : 0;
	out->tmp = out->direct || !out->path ? NULL : malloc(n);
	if (!out->path || (!out->direct && !out->tmp)) {
		output_free(out);
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (out->direct) {
		if (!(out->fp = fopen(out->path, "w"))) {
			int rc = cannot_write(out->path, errno);
			output_free(out);
			return rc;
		}
		return CLI_EXIT_OK;
	}
	/* The temporary file sits beside the target, so rename() stays on one file system. */
	snprintf(out->tmp, n, "%s.tmp.XXXXXX", out->path);
	int fd = mkstemp(out->tmp), rc = CLI_EXIT_OK;
	if (fd >= 0) {
		track(out->tmp, 1);
	}
	if (fd < 0) {
		rc = cannot_write(out->path, errno);
		free(out->tmp);
		out->tmp = NULL; /* not created: nothing to remove */
	} else if (fchmod(fd, output_mode(out->path)) != 0) {
		rc = cli_error(CLI_EXIT_IO, "cannot set the permissions of '%s': %s", out->path,
			       strerror(errno));
	} else if (!(out->fp = fdopen(fd, "w"))) {
		rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (rc != CLI_EXIT_OK) {
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		output_free(out);
	}
	return rc;
}

/*
 * Write out what an output holds and close it: flushed, and for a file to
 * be renamed into place (sync), on disk before the rename, so that a crash
 * never leaves the new name on a file whose data was not written. Returns
 * 0 or the errno of the first failure; *gone: a pipe's reader left.
 */
static int output_finish(cli_output *out, int sync, int *gone)
{
	int err = 0;
	if (fflush(out->fp) != 0 || ferror(out->fp)) {
		err = errno ? errno : EIO;
		*gone = out->direct && reader_gone(fileno(out->fp), err);
	} else if (sync && !out->direct && fsync(fileno(out->fp)) != 0) {
		err = errno;
	}
	if (fclose(out->fp) != 0 && !err) {
		err = errno;
	}
	out->fp = NULL;
	return err;
}

/*
 * Put the finished temporary files in place, all or none. POSIX renames
 * one file atomically, not several; so before the first rename, every
 * existing target but the last gets a backup name: a hard link (the target
 * stays in place meanwhile), or where the file system has none, the target
 * itself is renamed to it. When a rename fails, the ones before it are
 * undone from the backups (a target that did not exist is removed again).
 * Only a crash during the renames themselves, or a failing undo (said so,
 * naming the backup kept), can leave some files new and some old; each
 * file is still whole. Returns an exit code.
 */
static int output_place(cli_output *v, size_t n)
{
	int rc = CLI_EXIT_OK;
	size_t last = 0;
	for (size_t i = 0; i < n; i++) {
		last = v[i].tmp ? i : last;
	}
	for (size_t i = 0; rc == CLI_EXIT_OK && i < last; i++) {
		struct stat st;
		if (!v[i].tmp || lstat(v[i].path, &st) != 0) {
			continue; /* a new file: undone by removing it */
		}
		size_t len = strlen(v[i].tmp) + 5;
		if (!(v[i].bak = malloc(len))) {
			rc = cli_error(CLI_EXIT_INTERNAL, "out of memory");
			break;
		}
		snprintf(v[i].bak, len, "%s.old", v[i].tmp);
		if (link(v[i].path, v[i].bak) != 0) {
			v[i].moved = errno != EEXIST && rename(v[i].path, v[i].bak) == 0;
			if (!v[i].moved) {
				rc = cannot_write(v[i].path, errno);
				free(v[i].bak);
				v[i].bak = NULL;
			}
		}
	}
	for (size_t i = 0; rc == CLI_EXIT_OK && i < n; i++) {
		if (v[i].tmp && rename(v[i].tmp, v[i].path) != 0) {
			rc = cannot_write(v[i].path, errno);
		} else if (v[i].tmp) {
			track(v[i].tmp, 0);
			free(v[i].tmp);
			v[i].tmp = NULL; /* in place */
			v[i].placed = 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int undo = rc != CLI_EXIT_OK && (v[i].placed || v[i].moved);
		if (undo && v[i].bak && rename(v[i].bak, v[i].path) != 0) {
			cli_error(CLI_EXIT_IO,
				  "cannot put the earlier '%s' back (it is kept as '%s'): %s",
				  v[i].path, v[i].bak, strerror(errno));
		} else if (undo && !v[i].bak && unlink(v[i].path) != 0) {
			cli_error(CLI_EXIT_IO, "cannot remove the new '%s': %s", v[i].path,
				  strerror(errno));
		} else if (!undo && v[i].bak && unlink(v[i].bak) != 0) {
			cli_error(CLI_EXIT_IO, "warning: cannot remove '%s': %s", v[i].bak,
				  strerror(errno));
		}
	}
	return rc;
}

/*
 * The renames are entries of the folder: synced too, so that after a crash
 * the new names hold. Best effort: some file systems cannot sync a folder,
 * and the files themselves were synced already.
 */
static void sync_folder(const char *path)
{
	char *dir = strdup(path);
	if (!dir) {
		return;
	}
	char *slash = strrchr(dir, '/');
	const char *name = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int fd = open(name, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int cli_output_commit(cli_output *v, size_t n, int ok)
{
	int rc = CLI_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		if (v[i].fp == stdout) {
			v[i].fp = NULL;
			rc = rc != CLI_EXIT_OK ? rc : stdout_flush();
		} else if (v[i].fp) {
			int gone = 0, err = output_finish(&v[i], ok && rc == CLI_EXIT_OK, &gone);
			/* The first failure is told; the rest would repeat it (a full disk). */
			if (err && rc == CLI_EXIT_OK) {
				reader_left |= gone;
				rc = gone ? CLI_EXIT_IO : cannot_write(v[i].path, err);
			}
		}
	}
	if (ok && rc == CLI_EXIT_OK) {
		rc = output_place(v, n);
		/* The outputs placed together share one folder (export's): synced once. */
		for (size_t i = 0; rc == CLI_EXIT_OK && i < n; i++) {
			if (v[i].placed) {
				sync_folder(v[i].path);
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].tmp) {
			unlink(v[i].tmp);
		}
		output_free(&v[i]);
	}
	return rc;
}

int cli_output_close(cli_output *out, int ok)
{
	return cli_output_commit(out, 1, ok);
}

static const char *const graph_formats[] = { "dot", "json", "svg", "png", "pdf", "partial",
					     /* the formats of other tools (DESIGN §8) */
					     "gexf", "graphml", "cytoscape", "graphology", "d3",
					     NULL };
enum {
	GF_DOT,
	GF_JSON,
	GF_SVG,
	GF_PNG,
	GF_PDF,
	GF_PARTIAL,
	GF_GEXF,
	GF_GRAPHML,
	GF_CYTOSCAPE,
	GF_GRAPHOLOGY,
	GF_D3
};

int cli_binary_to_terminal(const cli_opts *o, const char *format)
{
	int png = strcmp(format, "png") == 0;
	/* A picture's bytes would garble the terminal (and `less` would not show them either). */
	if ((png || strcmp(format, "pdf") == 0) && (!o->out || strcmp(o->out, "-") == 0) &&
	    isatty(STDOUT_FILENO)) {
		return cli_error(CLI_EXIT_USAGE,
				 "refusing to write %s to a terminal; use -o FILE or redirect",
				 png ? "PNG" : "PDF");
	}
	return -1;
}

int cli_graph_format_analysed(const char *format)
{
	int k = cli_name_index(format, graph_formats);
	return k == GF_JSON || k >= GF_GEXF;
}

int cli_graph_format(const cli_opts *o, const char *format)
{
	int k, rc = cli_pick("graph format", format, graph_formats, &k);
	return rc >= 0 ? rc : cli_binary_to_terminal(o, format);
}

int cli_write_graph(const cli_opts *o, const gp_graph *g, const char *format)
{
	cli_output out;
	int rc = cli_output_open(&out, o->out);
	if (rc != CLI_EXIT_OK) {
		return rc;
	}
	gp_dot_options dopt = GP_DOT_OPTIONS_INIT;
	dopt.layout = o->layout;
	dopt.top_edges = o->top_edges;
	dopt.hubs = cli_dot_hubs(o);
	int wrc;
	switch (cli_name_index(format, graph_formats)) {
	case GF_DOT: wrc = gp_graph_write_dot(out.fp, g, &dopt); break;
	case GF_JSON: wrc = gp_graph_write_json(out.fp, g); break;
	case GF_PARTIAL: wrc = gp_graph_write_partial(out.fp, g, cli_max_event_ids(o)); break;
	case GF_GEXF: wrc = gp_graph_write_gexf(out.fp, g); break;
	case GF_GRAPHML: wrc = gp_graph_write_graphml(out.fp, g); break;
	case GF_CYTOSCAPE: wrc = gp_graph_write_cytoscape(out.fp, g); break;
	case GF_GRAPHOLOGY: wrc = gp_graph_write_graphology(out.fp, g); break;
	case GF_D3: wrc = gp_graph_write_d3(out.fp, g); break;
	default: wrc = gp_graph_render(out.fp, g, format, &dopt); break;
	}
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc == GP_ERROR) {
		rc = cli_error(CLI_EXIT_INTERNAL, "%s", gp_graph_last_error());
	} else if (wrc == GP_EIO && rc == CLI_EXIT_OK && *gp_graph_last_error()) {
		/* An input file the sources were to be read back from (gp_graph_options.sources_later). */
		rc = cli_error(CLI_EXIT_IO, "%s", gp_graph_last_error());
	} else if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
	return rc;
}
