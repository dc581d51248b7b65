#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/datadir.h"
#include "yekuo/store/outfile.h"
#include "yekuo/core/xalloc.h"

/* ---- what may be written ------------------------------------------------ */

/* The folder a path names its file in: "." for a bare name. */
static void
folder_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* A file by identity: device and inode when it exists, and always its
 * folder's device and inode with its name, so that a file not there yet
 * (a -wal that SQLite creates on the next write) is recognised too. */
struct fid {
	int exists, dir_ok;
	dev_t dev, pdev;
	ino_t ino, pino;
	char base[NAME_MAX + 1];
};

static void
fid_of(const char *path, struct fid *f)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];
	struct stat sb;

	memset(f, 0, sizeof *f);
	if (stat(path, &sb) == 0) {
		f->exists = 1;
		f->dev = sb.st_dev;
		f->ino = sb.st_ino;
	}
	snprintf(f->base, sizeof f->base, "%s", slash ? slash + 1 : path);
	folder_of(path, dir, sizeof dir);
	if (stat(dir, &sb) == 0) {
		f->dir_ok = 1;
		f->pdev = sb.st_dev;
		f->pino = sb.st_ino;
	}
}

static int
fid_same(const struct fid *a, const struct fid *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return a->dir_ok && b->dir_ok && a->pdev == b->pdev && a->pino == b->pino &&
	       strcmp(a->base, b->base) == 0;
}

int
out_guard_check(const char *path, const struct out_guard *g, yk_error *err)
{
	/* SQLite's companions of a database file (sqlite.org/tempfiles.html) */
	static const struct {
		const char *suffix, *what;
	} db_files[] = {
		{"", N_("数据库")},
		{"-wal", N_("数据库的预写日志")},
		{"-shm", N_("数据库的共享内存索引")},
		{"-journal", N_("数据库的回滚日志")},
	};
	struct fid out, f;
	struct stat sb;

	if (!g || !path || strcmp(path, "-") == 0)
		return 0;
	if (!*path)
		return yk_error_set(err, _("输出文件名是空的"));
	fid_of(path, &out);
	if (g->db_path) {
		for (size_t i = 0; i < sizeof db_files / sizeof db_files[0]; i++) {
			char *p = xasprintf("%s%s", g->db_path, db_files[i].suffix);

			fid_of(p, &f);
			free(p);
			if (fid_same(&out, &f))
				return yk_error_set(err, _("拒绝写入 %s：它是%s（%s%s）；请换一个文件名"), path,
						    _(db_files[i].what), g->db_path, db_files[i].suffix);
		}
	}
	if (g->source) {
		fid_of(g->source, &f);
		if (fid_same(&out, &f))
			return yk_error_set(err, _("拒绝写入 %s：它是正在读取的文件（%s）；请换一个文件名"), path, g->source);
	}
	if (lstat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode) || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
			return yk_error_set(err, _("拒绝写入 %s：它是文件夹；请写文件名"),
					    path);
		if (!g->force) {
			if (g->force_opt)
				return yk_error_set(err, _("拒绝写入 %s：文件已经存在；要替换它请写 %s，或换一个文件名"), path,
						    g->force_opt);
			return yk_error_set(err, _("拒绝写入 %s：文件已经存在；请换一个文件名"), path);
		}
	}
	return 0;
}

/* ---- the pending list ---------------------------------------------------- */

/* A named temporary file is listed, before anything is written to it, as
 * one small file "PID-XXXXXX" holding its absolute path in
 * $XDG_DATA_HOME/yekuo/pending/; the entry goes when the file is renamed
 * into place or removed. An entry whose process is gone names a file its
 * writer never finished: outfile_sweep removes both. Without a writable
 * data folder nothing is listed, and the file is still removed on any
 * failure the writer lives through. */
#define PENDING_DIR "pending"

static char *
pending_add(const char *tmp)
{
	yk_error e;
	const char *dir = datadir_user_mkdir(PENDING_DIR, &e);
	char *entry, *abs = NULL, cwd[PATH_MAX];
	int fd;
	size_t n;

	if (!dir)
		return NULL;
	entry = xasprintf("%s/%ld-XXXXXX", dir, (long)getpid());
	fd = mkstemp(entry);
	if (fd < 0) {
		free(entry);
		return NULL;
	}
	if (tmp[0] == '/')
		abs = xasprintf("%s\n", tmp);
	else if (getcwd(cwd, sizeof cwd))
		abs = xasprintf("%s/%s\n", cwd, tmp);
	n = abs ? strlen(abs) : 0;
	if (!abs || write(fd, abs, n) != (ssize_t)n) {
		close(fd);
		unlink(entry);
		free(entry);
		free(abs);
		return NULL;
	}
	close(fd);
	free(abs);
	return entry;
}

static void
pending_done(char **entry)
{
	if (*entry)
		unlink(*entry);
	free(*entry);
	*entry = NULL;
}

/* Only what this module names: NAME.tmpXXXXXX, a regular file of ours. */
static int
ours(const char *path)
{
	const char *base = strrchr(path, '/'), *t;
	struct stat sb;

	base = base ? base + 1 : path;
	t = strstr(base, ".tmp");
	if (!t || t == base || strlen(t) != 10)
		return 0;
	return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid();
}

void
outfile_sweep(void)
{
	char dir[PATH_MAX];
	DIR *d;
	struct dirent *de;

	if (snprintf(dir, sizeof dir, "%s/%s", datadir_user(), PENDING_DIR) >= (int)sizeof dir)
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		char *entry, buf[PATH_MAX + 2], *end;
		long pid = strtol(de->d_name, &end, 10);
		ssize_t n;
		int fd;

		if (end == de->d_name || *end != '-' || pid <= 0)
			continue;
		/* still writing (EPERM: alive, someone else's) */
		if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		entry = xasprintf("%s/%s", dir, de->d_name);
		fd = open(entry, O_RDONLY | O_NOFOLLOW);
		n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 1 && buf[n - 1] == '\n') {
			buf[n - 1] = '\0';
			if (ours(buf))
				unlink(buf);
		}
		unlink(entry);
		free(entry);
	}
	closedir(d);
}

/* ---- named temporary files ----------------------------------------------- */

static void
fsync_dir_of(const char *path)
{
	char dir[PATH_MAX];
	int fd;

	folder_of(path, dir, sizeof dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int
tmpname_create(struct tmpname *t, const char *path, int force, yk_error *err)
{
	int fd;

	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	t->force = force;
	t->tmp = xasprintf("%s.tmpXXXXXX", path);
	fd = mkstemp(t->tmp); /* mode 0600 */
	if (fd < 0) {
		/* a folder that is not there is a slip in the name the user gave */
		yk_error_setk(err, errno == ENOENT || errno == ENOTDIR ? YK_ERR_INPUT : yk_errno_kind(errno),
			      _("无法创建 %s：%s"), path, strerror(errno));
		free(t->path);
		free(t->tmp);
		memset(t, 0, sizeof *t);
		return -1;
	}
	t->entry = pending_add(t->tmp);
	return fd;
}

static void
tmpname_free(struct tmpname *t)
{
	pending_done(&t->entry);
	free(t->path);
	free(t->tmp);
	memset(t, 0, sizeof *t);
}

/* Put `from` in place at `to`: over an existing file only with force;
 * without it, link(2) fails on a file that appeared since the check, where
 * rename(2) would silently replace it. */
static int
place(const char *from, const char *to, int force, yk_error *err)
{
	if (!force) {
		if (link(from, to) == 0) {
			unlink(from);
			return 0;
		}
		if (errno == EEXIST)
			return yk_error_set(err, _("拒绝写入 %s：写的过程中出现了同名文件；什么也没有替换"), to);
		/* a file system without hard links: the check before is all
		 * there is */
		if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
			return yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), to, strerror(errno));
	}
	if (rename(from, to) < 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), to, strerror(errno));
	return 0;
}

int
tmpname_commit(struct tmpname *t, yk_error *err)
{
	int rc = place(t->tmp, t->path, t->force, err);

	if (rc < 0)
		unlink(t->tmp);
	else
		fsync_dir_of(t->path);
	tmpname_free(t);
	return rc;
}

void
tmpname_abort(struct tmpname *t)
{
	if (!t->tmp)
		return;
	unlink(t->tmp);
	tmpname_free(t);
}

/* ---- output files --------------------------------------------------------- */

struct yk_outfile {
	FILE *f;		/* NULL once handed over by name */
	char *path;		/* final path; NULL: standard output */
	int fd;			/* an unnamed file (O_TMPFILE), or -1 */
	char procname[64];	/* /proc/self/fd/N: the unnamed file by name */
	struct tmpname named;	/* otherwise a named temporary file */
	int force;
	int to_stdout_direct;	/* writing standard output itself */
};

static const char *
tmp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

/* An unnamed file in the folder of `path` (or TMPDIR), when the kernel and
 * the file system have them and /proc can name it for linkat(2). */
static int
open_unnamed(const char *path)
{
#ifdef O_TMPFILE
	char dir[PATH_MAX];

	if (access("/proc/self/fd", X_OK) < 0)
		return -1;
	if (!path)
		snprintf(dir, sizeof dir, "%s", tmp_dir());
	else
		folder_of(path, dir, sizeof dir);
	return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
	(void)path;
	return -1;
#endif
}

static struct yk_outfile *
open_file(const char *path, const struct out_guard *g, int named, yk_error *err)
{
	struct yk_outfile *o;
	int fd;

	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if (out_guard_check(path, g, err) < 0)
		return NULL;
	o = xcalloc(1, sizeof *o);
	o->fd = -1;
	o->force = g ? g->force : 1;
	if (!path && !named) {
		o->f = stdout;
		o->to_stdout_direct = 1;
		return o;
	}
	o->path = path ? xstrdup(path) : NULL;
	fd = open_unnamed(path);
	if (fd >= 0) {
		o->fd = fd;
		snprintf(o->procname, sizeof o->procname, "/proc/self/fd/%d", fd);
		fd = dup(fd);
	} else {
		char *base = path ? NULL : xasprintf("%s/yekuo", tmp_dir());

		fd = tmpname_create(&o->named, path ? path : base, o->force, err);
		free(base);
	}
	if (fd < 0) {
		if (o->fd >= 0)
			yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
		goto fail;
	}
	o->f = fdopen(fd, "w+b");
	if (!o->f) {
		yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
		close(fd);
		goto fail;
	}
	return o;
fail:
	if (o->fd >= 0)
		close(o->fd);
	tmpname_abort(&o->named);
	free(o->path);
	free(o);
	return NULL;
}

struct yk_outfile *
outfile_open(const char *path, const struct out_guard *g, yk_error *err)
{
	return open_file(path, g, 0, err);
}

struct yk_outfile *
outfile_open_named(const char *path, const struct out_guard *g, yk_error *err)
{
	return open_file(path, g, 1, err);
}

FILE *
outfile_stream(struct yk_outfile *f)
{
	return f->f;
}

const char *
outfile_tmpname(const struct yk_outfile *f)
{
	return f->fd >= 0 ? f->procname : f->named.tmp;
}

void
outfile_release_stream(struct yk_outfile *f)
{
	if (f->f && !f->to_stdout_direct)
		fclose(f->f);
	f->f = NULL;
}

const char *
outfile_name(const struct yk_outfile *f)
{
	return f->path ? f->path : _("标准输出");
}

static void
outfile_free(struct yk_outfile *o)
{
	if (o->fd >= 0)
		close(o->fd);
	free(o->path);
	free(o);
}

void
outfile_abort(struct yk_outfile *o)
{
	if (!o)
		return;
	if (o->to_stdout_direct) {
		fflush(stdout);
	} else {
		outfile_release_stream(o);
		tmpname_abort(&o->named);
	}
	outfile_free(o);
}

/* The finished file (open as fd) onto standard output. */
static int
copy_to_stdout(int fd, yk_error *err)
{
	char buf[65536];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("无法读取临时文件：%s"), strerror(errno));
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			return yk_error_setk(err, yk_errno_kind(errno), _("无法写入标准输出：%s"), strerror(errno));
	if (n < 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("无法读取临时文件：%s"), strerror(errno));
	if (fflush(stdout) != 0)
		return yk_error_setk(err, yk_errno_kind(errno), _("无法写入标准输出：%s"), strerror(errno));
	return 0;
}

/* Link the unnamed file in at o->path. Without force linkat(2) refuses an
 * existing name; with it, the file is linked under a temporary name (listed
 * like any other) and renamed over the old one. */
static int
link_unnamed(struct yk_outfile *o, yk_error *err)
{
	struct tmpname t;
	int fd;

	if (!o->force) {
		if (linkat(AT_FDCWD, o->procname, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno == EEXIST)
			return yk_error_set(err, _("拒绝写入 %s：写的过程中出现了同名文件；什么也没有替换"), o->path);
		return yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), o->path, strerror(errno));
	}
	/* a name for the link: mkstemp's, freed again at once */
	fd = tmpname_create(&t, o->path, 1, err);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(t.tmp);
	if (linkat(AT_FDCWD, o->procname, AT_FDCWD, t.tmp, AT_SYMLINK_FOLLOW) < 0) {
		yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), o->path, strerror(errno));
		tmpname_abort(&t);
		return -1;
	}
	return tmpname_commit(&t, err);
}

int
outfile_commit(struct yk_outfile *o, yk_error *err)
{
	int rc = 0, fd = o->fd;

	if (o->to_stdout_direct) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入标准输出：%s"), strerror(errno));
		outfile_free(o);
		return rc;
	}
	if (o->f) {
		if (fflush(o->f) != 0 || ferror(o->f))
			rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
		if (fclose(o->f) != 0 && rc == 0)
			rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
		o->f = NULL;
	}
	if (fd < 0 && rc == 0 && (fd = open(o->named.tmp, O_RDONLY)) < 0)
		rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
	if (rc == 0 && o->path && fsync(fd) < 0)
		rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
	/* whoever wrote the file by name, it is the user's alone */
	if (rc == 0 && fchmod(fd, 0600) < 0)
		rc = yk_error_setk(err, yk_errno_kind(errno), _("无法写入 %s：%s"), outfile_name(o), strerror(errno));
	if (rc == 0) {
		if (!o->path)
			rc = copy_to_stdout(fd, err);
		else if (o->fd >= 0)
			rc = link_unnamed(o, err);
		else
			rc = tmpname_commit(&o->named, err);
		if (rc == 0 && o->fd >= 0 && o->path)
			fsync_dir_of(o->path);
	}
	if (fd >= 0 && fd != o->fd)
		close(fd);
	tmpname_abort(&o->named);
	outfile_free(o);
	return rc;
}
