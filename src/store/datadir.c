#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/datadir.h"
#include "yekuo/core/xalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/yekuo"
#endif

/* The installed data; a binary run from the build tree before `make
 * install` (the README's quick start) falls back to the source tree's. */
const char *
datadir_system(void)
{
	const char *env = getenv("YEKUO_DATA_DIR");
	struct stat sb;

	if (env && *env)
		return env;
#ifdef SRCDATADIR
	if (stat(PKGDATADIR "/calendar", &sb) < 0 && stat(SRCDATADIR "/calendar", &sb) == 0)
		return SRCDATADIR;
#endif
	(void)sb;
	return PKGDATADIR;
}

const char *
datadir_user(void)
{
	static char buf[PATH_MAX];
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		snprintf(buf, sizeof buf, "%s/yekuo", xdg);
	else
		snprintf(buf, sizeof buf, "%s/.local/share/yekuo", home && *home ? home : ".");
	return buf;
}

static int
mkdir_p(const char *path, yk_error *err)
{
	char tmp[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof tmp)
		return yk_error_set(err, _("%s: 路径太长"), path);
	memcpy(tmp, path, n + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
			return yk_error_setk(err, YK_ERR_SYSTEM, _("无法创建文件夹 %s：%s"), tmp,
					     strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法创建文件夹 %s：%s"), tmp,
				     strerror(errno));
	return 0;
}

const char *
datadir_user_mkdir(const char *sub, yk_error *err)
{
	static char buf[PATH_MAX];

	if (sub && *sub)
		snprintf(buf, sizeof buf, "%s/%s", datadir_user(), sub);
	else
		snprintf(buf, sizeof buf, "%s", datadir_user());
	return mkdir_p(buf, err) < 0 ? NULL : buf;
}

int
datadir_read_file(const char *path, size_t max, char **buf, size_t *len, yk_error *err)
{
	FILE *f = fopen(path, "rb");
	char *data;
	size_t n = 0, cap = 4096;

	if (!f)
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法打开：%s"), path, strerror(errno));
	data = xmalloc(cap + 1);
	for (;;) {
		size_t got;

		if (n == cap) {
			if (cap >= max)
				break;
			cap = cap * 2 > max ? max : cap * 2;
			data = xrealloc(data, cap + 1);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(data);
		return yk_error_setk(err, YK_ERR_SYSTEM, _("%s: 读取出错"), path);
	}
	if (n >= max && fgetc(f) != EOF) {
		fclose(f);
		free(data);
		return yk_error_set(err, _("%s: 超过 %zu 字节，不是数据文件"), path, max);
	}
	fclose(f);
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

int
datadir_write_file(const char *path, const char *data, size_t len, int mode, yk_error *err)
{
	char tmp[PATH_MAX];
	int fd;

	if (snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= (int)sizeof tmp)
		return yk_error_set(err, _("%s: 路径太长"), path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法在 %s 旁边写入：%s"), path, strerror(errno));
	if (fchmod(fd, (mode_t)mode) < 0 || write(fd, data, len) != (ssize_t)len || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		unlink(tmp);
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法写入 %s：%s"), path, strerror(e));
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法写入 %s：%s"), path, strerror(e));
	}
	return 0;
}

static int
has_suffix(const char *s, const char *ext)
{
	size_t a = strlen(s), b = strlen(ext);

	return a > b && strcmp(s + a - b, ext) == 0;
}

static int
cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct datadir_file *)a)->name, ((const struct datadir_file *)b)->name);
}

static int
scan(const char *dir, const char *ext, struct datadir_file **files, size_t *count,
     size_t *cap, yk_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法读取文件夹：%s"), dir,
				     strerror(errno));
	}
	while ((de = readdir(d))) {
		size_t i;

		if (de->d_name[0] == '.' || !has_suffix(de->d_name, ext))
			continue;
		for (i = 0; i < *count; i++)
			if (strcmp((*files)[i].name, de->d_name) == 0)
				break;
		if (i == *count) {
			*files = xgrow(*files, cap, *count + 1, sizeof **files);
			(*files)[i].name = xstrdup(de->d_name);
			(*count)++;
		} else {
			free((*files)[i].path);
		}
		(*files)[i].path = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	return 0;
}

int
datadir_list(const char *sub, const char *ext, struct datadir_file **files, size_t *count,
	     yk_error *err)
{
	char dir[PATH_MAX];
	size_t cap = 0;

	*files = NULL;
	*count = 0;
	snprintf(dir, sizeof dir, "%s/%s", datadir_system(), sub);
	if (scan(dir, ext, files, count, &cap, err) < 0)
		goto fail;
	snprintf(dir, sizeof dir, "%s/%s", datadir_user(), sub);
	if (scan(dir, ext, files, count, &cap, err) < 0)
		goto fail;
	if (*count)
		qsort(*files, *count, sizeof **files, cmp_files);
	return 0;
fail:
	datadir_files_free(*files, *count);
	*files = NULL;
	*count = 0;
	return -1;
}

void
datadir_files_free(struct datadir_file *files, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(files[i].name);
		free(files[i].path);
	}
	free(files);
}
