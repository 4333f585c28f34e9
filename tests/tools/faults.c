/*
 * faults.c - an LD_PRELOAD library for tests/cli/io.sh: makes the system
 * calls that put an output in place fail, as a disk or a file system can,
 * so that every step's failure is tested without root or a broken disk.
 *
 *   GEOPOL_FAULT=CALL:NAME[,CALL:NAME...] geopol ...
 *
 * CALL is rename, link, fsync, fchmod or pread (an input read back, as a
 * streamed graph reads its rows' URLs: reads of more than 2 bytes, so that
 * the reader's look at a file's first two, gzip or not, goes through); or
 * sigterm, which raises SIGTERM in
 * the fsync instead (an interrupt while outputs are being written; not
 * SIGINT, which a shell without job control starts background jobs with
 * ignored, and geopol then leaves ignored). The
 * call fails with EIO when the
 * file it acts on (rename's and link's new name, the file open on fsync's,
 * fchmod's and pread's descriptor) has a name, after its last '/', that starts
 * with NAME: "fsync:graph.svg" fails the fsync of graph.svg's temporary
 * file, "rename:graph.svg" the rename that puts it in place.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int hit(const char *call, const char *path)
{
	const char *f = getenv("GEOPOL_FAULT");
	const char *base = path ? strrchr(path, '/') : NULL;
	size_t n = strlen(call);
	base = base ? base + 1 : path;
	for (; f && base && *f; f += strcspn(f, ","), f += *f == ',') {
		size_t len = strcspn(f, ",");
		if (len > n && strncmp(f, call, n) == 0 && f[n] == ':' &&
		    strncmp(base, f + n + 1, len - n - 1) == 0) {
			errno = EIO;
			return 1;
		}
	}
	return 0;
}

static int hit_fd(const char *call, int fd)
{
	char link[64], path[4096];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n < 0) {
		return 0;
	}
	path[n] = '\0';
	return hit(call, path);
}

/* The next definition of a function: libc's. */
#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

int rename(const char *from, const char *to)
{
	return hit("rename", to) ? -1 : REAL(rename)(from, to);
}

int link(const char *from, const char *to)
{
	return hit("link", to) ? -1 : REAL(link)(from, to);
}

int fsync(int fd)
{
	if (hit_fd("sigterm", fd)) {
		raise(SIGTERM);
	}
	return hit_fd("fsync", fd) ? -1 : REAL(fsync)(fd);
}

int fchmod(int fd, mode_t mode)
{
	return hit_fd("fchmod", fd) ? -1 : REAL(fchmod)(fd, mode);
}

ssize_t pread(int fd, void *buf, size_t n, off_t at)
{
	return n > 2 && hit_fd("pread", fd) ? -1 : REAL(pread)(fd, buf, n, at);
}

ssize_t pread64(int fd, void *buf, size_t n, off_t at)
{
	return n > 2 && hit_fd("pread", fd) ? -1 : REAL(pread64)(fd, buf, n, at);
}
