#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/print.h"

/* A4 in PostScript points, and paps's default margin on every side. */
#define A4_W 595
#define A4_H 842
#define MARGIN 36
/* The font size when the widest line fits, and the smallest we go to: a
 * line wider than that wraps (paps breaks it) rather than shrink further. */
#define PT_MAX 12.0
#define PT_MIN 6.0
/* A column of Noto Sans Mono CJK is half an em (a Chinese character one
 * em, two columns); 2 % more for paps's rounding of advances. */
#define COL_EM 0.51
/* Below this size in portrait, landscape is used if it gives a larger one. */
#define PT_PORTRAIT_MIN 9.0
/* What a program may say on stderr or stdout that we keep for a message. */
#define MSG_MAX 400

/* ---- running a program ------------------------------------------------------ */

/* Is `name` a program on PATH? */
static int
on_path(const char *name)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path || !*path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? path : ".", name);
		if (access(buf, X_OK) == 0)
			return 1;
		path += n;
		if (*path == ':')
			path++;
	}
	return 0;
}

/* Read what fd gives until its end into buf (cut at bufsz - 1). */
static void
slurp(int fd, char *buf, size_t bufsz)
{
	size_t len = 0;
	char skip[512];

	for (;;) {
		ssize_t k = len + 1 < bufsz ? read(fd, buf + len, bufsz - 1 - len) : read(fd, skip, sizeof skip);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (len + 1 < bufsz)
			len += (size_t)k;
	}
	if (bufsz)
		buf[len] = '\0';
}

/* Run argv (from PATH) in the C locale, so that its output can be read,
 * with standard output to out_fd (or captured into out), standard error
 * captured into errbuf. Returns its exit status, 127 when it could not be
 * started, -1 with err when no process could be made. */
static int
run_prog(char *const argv[], int out_fd, char *out, size_t outsz, char *errbuf, size_t errsz,
	 yk_error *err)
{
	int po[2] = {-1, -1}, pe[2], status;
	pid_t pid;

	if (pipe(pe) < 0 || (out_fd < 0 && pipe(po) < 0))
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法运行 %s：%s"), argv[0], strerror(errno));
	pid = fork();
	if (pid < 0)
		return yk_error_setk(err, YK_ERR_SYSTEM, _("无法运行 %s：%s"), argv[0], strerror(errno));
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		dup2(out_fd >= 0 ? out_fd : po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		setenv("LC_ALL", "C", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pe[1]);
	if (out_fd < 0) {
		close(po[1]);
		slurp(po[0], out, outsz);
		close(po[0]);
	}
	slurp(pe[0], errbuf, errsz);
	close(pe[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return yk_error_setk(err, YK_ERR_SYSTEM, _("无法运行 %s：%s"), argv[0], strerror(errno));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The first line of a program's message, for ours. */
static const char *
first_line(char *s)
{
	s[strcspn(s, "\n")] = '\0';
	return s;
}

static int
need_program(const char *prog, const char *package, yk_error *err)
{
	if (on_path(prog))
		return 0;
	return yk_error_setk(err, YK_ERR_PRINT, _("不能打印：没有安装 %s（Debian：apt-get install %s）"), prog,
			     package);
}

/* A temporary file in $TMPDIR (or /tmp), already unlinked from nothing:
 * the caller unlinks `path` when done. */
static int
temp_file(char *path, size_t pathsz, yk_error *err)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, pathsz, "%s/yekuo-print-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return yk_error_setk(err, YK_ERR_SYSTEM, _("不能打印：无法创建临时文件 %s：%s"), path,
				     strerror(errno));
	return fd;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* ---- fonts ---------------------------------------------------------------- */

/* Does an installed font match the fontconfig pattern? */
static int
font_has(const char *pattern, yk_error *err)
{
	char *argv[] = {"fc-list", "-q", (char *)pattern, NULL};
	char out[8], msg[MSG_MAX];
	int rc = run_prog(argv, -1, out, sizeof out, msg, sizeof msg, err);

	return rc < 0 ? -1 : rc == 0;
}

/* The layout font, and a font for every character outside the Basic
 * Multilingual Plane (the CJK font covers the BMP's Chinese: GB18030's
 * two-byte part and Extension A). */
static int
check_fonts(const char *s, yk_error *err)
{
	unsigned seen[64];
	size_t nseen = 0, len = strlen(s);
	int has;

	if (need_program("fc-list", "fontconfig", err) < 0)
		return -1;
	has = font_has(PRINT_FONT, err);
	if (has < 0)
		return -1;
	if (!has)
		return yk_error_setk(err, YK_ERR_PRINT, _("不能打印：没有中文等宽字体 %s（Debian：apt-get install "
							  "fonts-noto-cjk）"), PRINT_FONT);
	while (len) {
		unsigned cp;
		size_t k = text_utf8_decode(s, len, &cp), i;

		if (k == 0)
			k = 1;
		s += k;
		len -= k;
		if (cp < 0x10000)
			continue;
		for (i = 0; i < nseen && seen[i] != cp; i++)
			;
		if (i < nseen)
			continue;
		if (nseen < sizeof seen / sizeof seen[0])
			seen[nseen++] = cp;
		{
			char pat[32], ch[5] = {0};

			snprintf(pat, sizeof pat, ":charset=%x", cp);
			has = font_has(pat, err);
			if (has < 0)
				return -1;
			if (!has) {
				memcpy(ch, s - k, k < 4 ? k : 4);
				return yk_error_setk(err, YK_ERR_PRINT,
						     _("不能打印：没有字体含有“%s”（U+%04X），打印出来会缺字；"
						       "安装含该字的字体（CJK 扩展 B 至 F：Debian apt-get install "
						       "fonts-hanazono）"),
						     ch, cp);
			}
		}
	}
	return 0;
}

/* ---- layout ------------------------------------------------------------------ */

static double
fit_pt(int cols, int page_w)
{
	double pt = cols > 0 ? (page_w - 2 * MARGIN) / (cols * COL_EM) : PT_MAX;

	if (pt > PT_MAX)
		pt = PT_MAX;
	if (pt < PT_MIN)
		pt = PT_MIN;
	return (double)(int)(pt * 10) / 10; /* one decimal, rounded down */
}

static int
widest(const char *s)
{
	int w = 0;

	while (*s) {
		size_t n = strcspn(s, "\n");
		char *line = xasprintf("%.*s", (int)n, s);
		int k = text_width(line);

		free(line);
		if (k > w)
			w = k;
		s += n;
		if (*s)
			s++;
	}
	return w;
}

int
print_render(const char *utf8, struct print_doc *d, yk_error *err)
{
	char in[256], outp[256], font[96], msg[MSG_MAX], dummy[8];
	char *esc = NULL;
	size_t esccap = 0;
	const char *text;
	double portrait;
	int fin, fout = -1, rc = -1, prc;
	struct stat st;

	memset(d, 0, sizeof *d);
	/* a control character or a stray byte would stop paps half-way */
	text = text_visible(utf8, TEXT_KEEP_LINES, &esc, &esccap);
	if (need_program("paps", "paps", err) < 0 || check_fonts(text, err) < 0) {
		free(esc);
		return -1;
	}
	d->cols = widest(text);
	portrait = fit_pt(d->cols, A4_W);
	d->landscape = portrait < PT_PORTRAIT_MIN && fit_pt(d->cols, A4_H) > portrait;
	d->font_pt = d->landscape ? fit_pt(d->cols, A4_H) : portrait;
	fin = temp_file(in, sizeof in, err);
	if (fin < 0) {
		free(esc);
		return -1;
	}
	if (write_all(fin, text, strlen(text)) < 0) {
		yk_error_setk(err, YK_ERR_SYSTEM, _("不能打印：无法写临时文件 %s：%s"), in, strerror(errno));
		goto out;
	}
	fout = temp_file(outp, sizeof outp, err);
	if (fout < 0)
		goto out;
	snprintf(font, sizeof font, "--font=%s %.1f", PRINT_FONT, d->font_pt);
	{
		char *argv[] = {"paps", "--encoding=UTF-8", "--paper=a4", font,
				d->landscape ? "--landscape" : in, d->landscape ? in : NULL, NULL};

		prc = run_prog(argv, fout, dummy, sizeof dummy, msg, sizeof msg, err);
	}
	if (prc < 0)
		goto out_unlink;
	if (prc != 0) {
		yk_error_setk(err, YK_ERR_PRINT, _("不能打印：paps 排版失败（退出码 %d）：%s"), prc,
			      first_line(msg));
		goto out_unlink;
	}
	if (fstat(fout, &st) < 0 || st.st_size <= 0) {
		yk_error_setk(err, YK_ERR_PRINT, _("不能打印：paps 没有输出"));
		goto out_unlink;
	}
	d->len = (size_t)st.st_size;
	d->ps = xmalloc(d->len + 1);
	if (pread(fout, d->ps, d->len, 0) != (ssize_t)d->len) {
		yk_error_setk(err, YK_ERR_SYSTEM, _("不能打印：无法读取 paps 的输出"));
		goto out_unlink;
	}
	d->ps[d->len] = '\0';
	{
		/* a whole PostScript document: its header, its page count at the
		 * end (paps writes "%%Pages: (atend)" first), its end */
		const char *p = d->ps, *last = NULL;

		while ((p = strstr(p, "%%Pages: ")) != NULL) {
			last = p;
			p++;
		}
		if (last)
			d->pages = atoi(last + strlen("%%Pages: "));
		if (strncmp(d->ps, "%!PS", 4) != 0 || !strstr(d->ps, "%%EOF") || d->pages <= 0) {
			yk_error_setk(err, YK_ERR_PRINT, _("不能打印：paps 的输出不是完整的 PostScript 文件"));
			goto out_unlink;
		}
	}
	rc = 0;
out_unlink:
	close(fout);
	unlink(outp);
out:
	close(fin);
	unlink(in);
	free(esc);
	if (rc < 0)
		print_doc_free(d);
	return rc;
}

void
print_doc_free(struct print_doc *d)
{
	free(d->ps);
	d->ps = NULL;
	d->len = 0;
}

/* ---- the printer ----------------------------------------------------------- */

int
print_printer(const char *asked, const char *setting, char *name, size_t namesz, const char **how,
	      yk_error *err)
{
	static const char lead[] = "system default destination: ";
	char out[MSG_MAX], msg[MSG_MAX];
	const char *env = getenv("YEKUO_PRINTER");
	char *argv[] = {"lpstat", "-d", NULL};
	int rc;

	if (asked && *asked) {
		snprintf(name, namesz, "%s", asked);
		if (how)
			*how = _("--printer 指定");
		return 0;
	}
	if (env && *env) {
		snprintf(name, namesz, "%s", env);
		if (how)
			*how = _("YEKUO_PRINTER 指定");
		return 0;
	}
	if (setting && *setting) {
		snprintf(name, namesz, "%s", setting);
		if (how)
			*how = _("本人设置的打印机");
		return 0;
	}
	if (need_program("lpstat", "cups-client", err) < 0)
		return -1;
	rc = run_prog(argv, -1, out, sizeof out, msg, sizeof msg, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && strncmp(out, lead, strlen(lead)) == 0) {
		snprintf(name, namesz, "%s", first_line(out + strlen(lead)));
		if (how)
			*how = _("CUPS 默认打印机");
		return 0;
	}
	if (rc == 0)
		return yk_error_setk(err, YK_ERR_PRINT,
				     _("不能打印：没有设置打印机（lpstat -d：%s）。请在 CUPS 中添加打印机并设为默认"
				       "（lpadmin -p 名称 -E -v 设备地址 -m everywhere；lpoptions -d 名称），"
				       "或用 --printer 名称、环境变量 YEKUO_PRINTER 指定"),
				     first_line(*out ? out : msg));
	return yk_error_setk(err, YK_ERR_PRINT,
			     _("不能打印：打印服务 CUPS 没有应答（lpstat -d：%s）。请安装并启动 CUPS（Debian："
			       "apt-get install cups），或用 --printer 名称指定打印机"),
			     first_line(*msg ? msg : out));
}

int
print_send(const struct print_doc *d, const char *printer, const char *title, char *job, size_t jobsz,
	   yk_error *err)
{
	static const char lead[] = "request id is ";
	char path[256], out[MSG_MAX], msg[MSG_MAX], dest[256], name[256];
	int fd, rc;

	if (need_program("lp", "cups-client", err) < 0)
		return -1;
	fd = temp_file(path, sizeof path, err);
	if (fd < 0)
		return -1;
	if (write_all(fd, d->ps, d->len) < 0) {
		yk_error_setk(err, YK_ERR_SYSTEM, _("不能打印：无法写临时文件 %s：%s"), path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	snprintf(dest, sizeof dest, "%s", printer);
	snprintf(name, sizeof name, "%s", title);
	{
		char *argv[] = {"lp", "-d", dest, "-t", name, "-o", "media=A4", path, NULL};

		rc = run_prog(argv, -1, out, sizeof out, msg, sizeof msg, err);
	}
	unlink(path); /* lp has copied it to the spool by the time it returns */
	if (rc < 0)
		return -1;
	if (rc != 0)
		return yk_error_setk(err, YK_ERR_PRINT, _("没有打印：打印机 %s 拒绝了作业（lp 退出码 %d：%s）"), printer,
				     rc, first_line(*msg ? msg : out));
	{
		const char *p = strstr(out, lead);

		if (p) {
			p += strlen(lead);
			snprintf(job, jobsz, "%.*s", (int)strcspn(p, " \n"), p);
		} else {
			snprintf(job, jobsz, "%s", first_line(out));
		}
	}
	return 0;
}
