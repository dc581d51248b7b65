#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "yekuo/core/clock.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/sha256.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/datadir.h"
#include "yekuo/store/envelope.h"
#include "yekuo/store/outfile.h"
#include "yekuo/store/seals.h"
#include "store/db.h"

#define MAGIC "yekuo-sealed-bundle 1\n"
#define SIGNED_HEAD "yekuo-sealed-bundle-v1\n"
/* The most bytes of a section held in memory: the identity, the seals, and
 * an encrypted payload, which is opened whole (about 1.5 million events). */
#define ENVELOPE_MAX ((size_t)2 << 30)
/* A plain payload is streamed from the file (hashed and copied in chunks),
 * so its size is bounded by the disk alone: 512 GiB, far beyond a province's
 * cases (a 1M-case hall's full bundle is about 3 GB). */
#define PAYLOAD_MAX ((size_t)1 << 39)

enum { S_IDENTITY, S_IDSIG, S_RECIPIENT, S_SEALS, S_PAYLOAD, S_SIGNATURE, NSECTIONS };
static const char *const section_names[NSECTIONS] = {"identity", "identity-signature",
						     "recipient", "seals", "payload", "signature"};

/* An envelope as read: every section in memory but the payload, which
 * stays in the file (a county's bundle is hundreds of MB) and is read in
 * chunks, hashed, and copied or decrypted from there. */
struct envelope {
	FILE *f;
	const unsigned char *sec[NSECTIONS];	/* NULL for the payload */
	size_t seclen[NSECTIONS];
	unsigned char *own[NSECTIONS];
	off_t payload_at;
	char payload_hash[HASH_BUFSZ];	/* hex SHA-256 of the plaintext, once checked */
};

#define CHUNK (1 << 20)

static void
env_free(struct envelope *e)
{
	for (int i = 0; i < NSECTIONS; i++)
		free(e->own[i]);
	if (e->f)
		fclose(e->f);
	memset(e, 0, sizeof *e);
}

/* ---- the signed digest ---------------------------------------------------- */

static void
add_part(struct sha256 *c, const char *name, const void *data, size_t len)
{
	char h[HASH_BUFSZ];

	sha256_hex(data, len, h);
	sha256_update(c, name, strlen(name));
	sha256_update(c, "\n", 1);
	sha256_update(c, h, 64);
	sha256_update(c, "\n", 1);
}

static void
add_hex(struct sha256 *c, const char *name, const char *hex)
{
	sha256_update(c, name, strlen(name));
	sha256_update(c, "\n", 1);
	sha256_update(c, hex, 64);
	sha256_update(c, "\n", 1);
}

/* What the signature signs: every section but the signature, the payload
 * as its plaintext (a digest over it, in hex: payload_hex). */
static void
signed_digest(const char *identity, const char *idsig, const char *recipient, const char *seals,
	      size_t sealslen, const char *payload_hex, char out[HASH_BUFSZ])
{
	struct sha256 c;
	unsigned char d[32];

	sha256_init(&c);
	sha256_update(&c, SIGNED_HEAD, strlen(SIGNED_HEAD));
	add_part(&c, "identity", identity, strlen(identity));
	add_part(&c, "identity-signature", idsig, strlen(idsig));
	add_part(&c, "recipient", recipient, strlen(recipient));
	add_part(&c, "seals", seals, sealslen);
	add_hex(&c, "payload", payload_hex);
	sha256_final(&c, d);
	seal_hex(d, sizeof d, out);
}

/* The hex SHA-256 of len bytes of f from where it stands; with fd >= 0,
 * copied there as they are read. 0, or -1 (err) when the file is short or
 * a write fails. */
static int
hash_stream(FILE *f, size_t len, int fd, const char *path, char out[HASH_BUFSZ], yk_error *err)
{
	unsigned char *buf = xmalloc(CHUNK), d[32];
	struct sha256 c;

	sha256_init(&c);
	while (len > 0) {
		size_t want = len < CHUNK ? len : CHUNK, got = fread(buf, 1, want, f), off = 0;

		if (got != want) {
			free(buf);
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（在中途断了）"), path);
		}
		sha256_update(&c, buf, got);
		while (fd >= 0 && off < got) {
			ssize_t w = write(fd, buf + off, got - off);

			if (w <= 0) {
				int e = errno;

				free(buf);
				return yk_error_setk(err, yk_errno_kind(e), _("无法写入 %s 的副本：%s"),
						     path, strerror(e));
			}
			off += (size_t)w;
		}
		len -= got;
	}
	free(buf);
	sha256_final(&c, d);
	seal_hex(d, sizeof d, out);
	return 0;
}

/* ---- reading -------------------------------------------------------------- */

/* What the file is when it is not an envelope. */
static int
not_envelope(const char *path, const unsigned char *buf, size_t len, yk_error *err)
{
	if (len >= 72 && memcmp(buf, "SQLite format 3", 16) == 0) {
		unsigned long appid = (unsigned long)buf[68] << 24 | (unsigned long)buf[69] << 16 |
				      (unsigned long)buf[70] << 8 | buf[71];

		if (appid == BUNDLE_APPLICATION_ID)
			return yk_error_setk(err, YK_ERR_DAMAGED,
					     _("%s: 没有签名的同步包（由旧版 yekuo 写出，或被拆开过）：现在的同步包都有签名——请写出它的单位用本版本重新导出（docs/sync.md）"),
					     path);
	}
	return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是同步包"), path);
}

/* Read an envelope's sections from path: all but the payload into memory,
 * the payload's place noted (the file stays open for it). */
static int
env_read(const char *path, struct envelope *e, yk_error *err)
{
	unsigned char head[72];
	struct stat sb;
	size_t n, left;
	int c;

	memset(e, 0, sizeof *e);
	e->f = fopen(path, "rb");
	if (!e->f)
		return yk_error_setk(err, yk_errno_kind(errno), "%s: %s", path, strerror(errno));
	if (fstat(fileno(e->f), &sb) < 0 || !S_ISREG(sb.st_mode)) {
		env_free(e);
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是普通文件"), path);
	}
	n = fread(head, 1, sizeof head, e->f);
	if (n < strlen(MAGIC) || memcmp(head, MAGIC, strlen(MAGIC)) != 0) {
		env_free(e);
		return not_envelope(path, head, n, err);
	}
	left = (size_t)sb.st_size - strlen(MAGIC);
	fseeko(e->f, (off_t)strlen(MAGIC), SEEK_SET);
	for (int i = 0; i < NSECTIONS; i++) {
		const char *name = section_names[i];
		char got[32];
		size_t len = 0, nl = strlen(name);
		int digits = 0;

		if (fread(got, 1, nl + 1, e->f) != nl + 1 || memcmp(got, name, nl) != 0 || got[nl] != ' ')
			goto cut;
		while ((c = fgetc(e->f)) >= '0' && c <= '9' && digits++ < 12)
			len = len * 10 + (size_t)(c - '0');
		if (c != '\n')
			goto cut;
		if (len > (i == S_PAYLOAD ? PAYLOAD_MAX : ENVELOPE_MAX)) {
			env_free(e);
			return yk_error_setk(err, YK_ERR_DAMAGED,
					     _("%s: 同步包的“%s”部分有 %zu 字节，超过本程序能读的 %zu 字节——未读取"),
					     path, name, len, i == S_PAYLOAD ? PAYLOAD_MAX : ENVELOPE_MAX);
		}
		left -= nl + 2 + (size_t)digits;
		if (len + 1 > left)
			goto cut;
		e->seclen[i] = len;
		if (i == S_PAYLOAD) {
			e->payload_at = ftello(e->f);
			if (fseeko(e->f, (off_t)len, SEEK_CUR) < 0)
				goto cut;
		} else {
			e->own[i] = xmalloc(len + 1);
			if (fread(e->own[i], 1, len, e->f) != len)
				goto cut;
			e->own[i][len] = '\0';
			e->sec[i] = e->own[i];
		}
		if (fgetc(e->f) != '\n')
			goto cut;
		left -= len + 1;
	}
	if (fgetc(e->f) != EOF) {
		env_free(e);
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包结尾之后还有数据（已损坏）"), path);
	}
	return 0;
cut:
	env_free(e);
	return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（在中途断了）"), path);
}

/* The payload, hashed again as it is copied to fd: it must be what the
 * signature was checked over (the file could change in between). */
static int
env_payload_copy(struct envelope *e, const char *path, int fd, yk_error *err)
{
	char h[HASH_BUFSZ];

	if (fseeko(e->f, e->payload_at, SEEK_SET) < 0 ||
	    hash_stream(e->f, e->seclen[S_PAYLOAD], fd, path, h, err) < 0)
		return -1;
	if (strcmp(h, e->payload_hash) != 0)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包在读取时被改动了——已拒绝"), path);
	return 0;
}

/* The payload into memory (an encrypted one is opened whole). */
static unsigned char *
env_payload_read(struct envelope *e, const char *path, yk_error *err)
{
	unsigned char *p = xmalloc(e->seclen[S_PAYLOAD] + 1);

	if (fseeko(e->f, e->payload_at, SEEK_SET) < 0 ||
	    fread(p, 1, e->seclen[S_PAYLOAD], e->f) != e->seclen[S_PAYLOAD]) {
		free(p);
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包已损坏或不完整（在中途断了）"),
			      path);
		return NULL;
	}
	return p;
}

/* A section as a NUL-terminated string (free it). */
static char *
sec_text(const struct envelope *e, int i)
{
	return xasprintf("%.*s", (int)e->seclen[i], (const char *)e->sec[i]);
}

/* ---- trusted offices ---------------------------------------------------- */

/* The trusted identity of an office: 0 found, 1 none. */
static int
trusted(struct yk_store *st, const char *office, struct seal_identity *id, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, "SELECT identity FROM trusted_offices WHERE office = ?", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取信任的单位"));
	dbq_bind_text(s, 1, office);
	rc = dbq_step(s);
	if (rc == SQLITE_ROW)
		rc = seal_identity_parse(dbq_col(s, 0), id, err) < 0 ? -1 : 0;
	else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = db_error(st, err, _("无法读取信任的单位"));
	dbq_finalize(s);
	return rc;
}

static int
exec1(struct yk_store *st, const char *sql, const char *arg, yk_error *err)
{
	struct dbq *s;
	int rc;

	if (dbq_prepare(st, sql, &s) != SQLITE_OK)
		return db_error(st, err, _("无法写入数据库"));
	dbq_bind_text(s, 1, arg);
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法写入数据库"));
}

int
envelope_trust(struct yk_store *st, const char *text, const char *sig, int replace, yk_error *err)
{
	struct seal_identity id, have;
	char own[SYNC_ID_BUFSZ], stamp[CLOCK_STAMP_BUFSZ];
	struct dbq *s;
	int rc;

	if (keys_identity_check(text, sig, &id, err) < 0 || store_db_id(st, own, err) < 0)
		return -1;
	if (strcmp(id.db, own) == 0)
		return yk_error_setk(err, YK_ERR_CONFLICT, _("这是本库自己的密钥"));
	rc = trusted(st, id.office, &have, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && strcmp(have.sign, id.sign) == 0 && strcmp(have.box, id.box) == 0 && !replace)
		return 1;
	if (rc == 0 && !replace) {
		char a[SEAL_FP_BUFSZ], b[SEAL_FP_BUFSZ];

		seal_fingerprint_hex(have.sign, a);
		seal_fingerprint_hex(id.sign, b);
		return yk_error_setk(err, YK_ERR_CONFLICT,
				     _("已信任单位 %s 的密钥 %s；这是密钥 %s——已拒绝（如果单位 %s 确实换了新密钥，先与它核对新指纹，再加 --replace）"),
				     id.office, a, b, id.office);
	}
	/* trusted anew: the seals kept from it start again with its next bundle */
	if (replace && exec1(st, "DELETE FROM office_seals WHERE office = ?", id.office, err) < 0)
		return -1;
	if (dbq_prepare(st, "INSERT INTO trusted_offices (office, identity, signature, enrolled) "
			       "VALUES (?, ?, ?, ?) ON CONFLICT (office) DO UPDATE SET identity = excluded.identity, "
			       "signature = excluded.signature, enrolled = excluded.enrolled", &s) != SQLITE_OK)
		return db_error(st, err, _("无法信任该单位"));
	dbq_bind_text(s, 1, id.office);
	dbq_bind_text(s, 2, text);
	dbq_bind_text(s, 3, sig);
	dbq_bind_text(s, 4, clock_stamp(clock_now(), stamp));
	rc = dbq_step(s);
	dbq_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, err, _("无法信任该单位"));
}

/* ---- public key files --------------------------------------------------- */

#define PUBLIC_HEAD "yekuo-office-public-key 1\n"

int
envelope_write_public(struct yk_store *st, const char *path, const struct out_guard *g,
		      yk_error *err)
{
	struct office_keys k;
	struct tmpname t = {0};
	char *text;
	int created, fd, rc;

	if (seals_keys(st, 0, &k, &created, err) < 0)
		return -1;
	text = xasprintf(PUBLIC_HEAD "%s----\nsignature=%s\n", k.identity, k.identity_sig);
	keys_free(&k);
	if (out_guard_check(path, g, err) < 0) {
		free(text);
		return -1;
	}
	fd = tmpname_create(&t, path, g && g->force, err);
	if (fd < 0) {
		free(text);
		return -1;
	}
	rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	free(text);
	if (rc < 0) {
		tmpname_abort(&t);
		return yk_error_setk(err, yk_errno_kind(errno), "%s: %s", path, strerror(errno));
	}
	return tmpname_commit(&t, err);
}

int
envelope_identity(const char *path, char **text, char sig[KEYS_SIG_HEX], struct seal_identity *id,
		  yk_error *err)
{
	struct envelope e;
	char head[64] = "", *buf;
	size_t len;
	FILE *f = fopen(path, "rb");

	*text = NULL;
	if (f) {
		if (!fgets(head, sizeof head, f))
			head[0] = '\0';
		fclose(f);
	}
	if (strcmp(head, PUBLIC_HEAD) == 0) {
		char *body, *sep;

		/* a public key file: a few lines */
		if (datadir_read_file(path, 1 << 16, &buf, &len, err) < 0)
			return -1;
		body = buf + strlen(PUBLIC_HEAD);
		sep = strstr(body, "----\nsignature=");
		if (!sep) {
			free(buf);
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 公钥文件已损坏"), path);
		}
		*text = xasprintf("%.*s", (int)(sep - body), body);
		sep += strlen("----\nsignature=");
		snprintf(sig, KEYS_SIG_HEX, "%.*s", (int)strcspn(sep, "\n"), sep);
		free(buf);
	} else {
		if (env_read(path, &e, err) < 0)
			return -1;
		*text = sec_text(&e, S_IDENTITY);
		snprintf(sig, KEYS_SIG_HEX, "%.*s", (int)e.seclen[S_IDSIG], (const char *)e.sec[S_IDSIG]);
		env_free(&e);
	}
	if (keys_identity_check(*text, sig, id, err) < 0) {
		free(*text);
		*text = NULL;
		yk_error_kind(err, YK_ERR_DAMAGED);
		return yk_error_prefix(err, "%s: ", path);
	}
	return 0;
}

/* ---- seals carried --------------------------------------------------------- */

/* Every seal of this database, each as its seal file text. */
static char *
all_seals(struct yk_store *st, long *n, struct seal_record *last, yk_error *err)
{
	struct dbq *s;
	char *out = xstrdup("");
	int rc;

	*n = 0;
	if (dbq_prepare(st, "SELECT digest, statement, signature FROM seals ORDER BY seq", &s) != SQLITE_OK) {
		free(out);
		db_error(st, err, _("无法读取封存"));
		return NULL;
	}
	while ((rc = dbq_step(s)) == SQLITE_ROW) {
		char *more = xasprintf("%s%ssignature=%s\n", out, dbq_col(s, 1), dbq_col(s, 2));

		free(out);
		out = more;
		(*n)++;
		snprintf(last->digest, sizeof last->digest, "%s", dbq_col(s, 0));
		seal_parse(dbq_col(s, 1), &last->s, NULL);
	}
	dbq_finalize(s);
	if (rc != SQLITE_DONE) {
		free(out);
		db_error(st, err, _("无法读取封存"));
		return NULL;
	}
	return out;
}

/* Split the seals section into records (each statement + signature). */
static int
split_seals(const char *path, const char *text, struct seal_record **out, long *n, yk_error *err)
{
	const char *p = text;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while (*p) {
		const char *sig = strstr(p, "\nsignature="), *end;
		char *one;
		int rc;

		if (!sig)
			goto bad;
		end = strchr(sig + 1, '\n');
		if (!end)
			goto bad;
		one = xasprintf("%.*s", (int)(end + 1 - p), p);
		*out = xgrow(*out, &cap, (size_t)*n + 1, sizeof **out);
		rc = seals_parse_file(one, &(*out)[*n], err);
		free(one);
		if (rc < 0)
			goto bad;
		(*n)++;
		p = end + 1;
	}
	return 0;
bad:
	for (long i = 0; i < *n; i++)
		seal_record_free(&(*out)[i]);
	free(*out);
	*out = NULL;
	return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包带的封存已损坏"), path);
}

/* The carried seals: each signed by the office's key, of its database,
 * chained; and each one this database already holds from that office is
 * the same. */
static int
check_seals(struct yk_store *st, const char *path, const struct seal_identity *id,
	    const struct seal_record *r, long n, yk_error *err)
{
	struct dbq *s;
	int rc = 0;

	for (long i = 0; i < n; i++) {
		if (r[i].s.seq != i + 1 || strcmp(r[i].s.prev, i ? r[i - 1].digest : "") != 0 ||
		    strcmp(r[i].s.key, id->sign) != 0 || strcmp(r[i].s.db, id->db) != 0 ||
		    !keys_verify(r[i].s.key, r[i].statement, strlen(r[i].statement), r[i].signature))
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包带的封存 #%ld 不是单位 %s 的（伪造的，或不在它的封存链上）"),
					     path, i + 1, id->office);
	}
	if (dbq_prepare(st, "SELECT seq, digest, received FROM office_seals WHERE office = ? "
				       "ORDER BY seq", &s) != SQLITE_OK)
		return db_error(st, err, _("无法读取收到的封存"));
	dbq_bind_text(s, 1, id->office);
	while (rc == 0 && dbq_step(s) == SQLITE_ROW) {
		long seq = (long)dbq_int(s, 0);

		if (seq <= n && strcmp(r[seq - 1].digest, dbq_col(s, 1)) != 0) {
			char a[SEAL_SHORT_BUFSZ], b[SEAL_SHORT_BUFSZ];

			seal_short(dbq_col(s, 1), a);
			seal_short(r[seq - 1].digest, b);
			rc = yk_error_setk(err, YK_ERR_CONFLICT,
					   _("%s: 单位 %s 的封存 #%ld 在本库是 %s（收到于 %s），在这个同步包里却是 %s：单位 %s 封存过的历史后来被改写了——已拒绝。只有当它的数据库是从备份恢复的时候：yekuo sync trust %s --confirm 指纹 --replace 从此接受它的封存"),
					   path, id->office, seq, a, dbq_col(s, 2), b, id->office, path);
		}
	}
	dbq_finalize(s);
	return rc;
}

static int
keep_seals(struct yk_store *st, const char *office, const struct seal_record *r, long n,
	   yk_error *err)
{
	struct dbq *s;
	char stamp[CLOCK_STAMP_BUFSZ];
	int rc = SQLITE_DONE;

	if (store_begin(st, err) < 0)
		return -1;
	if (dbq_prepare(st, "INSERT INTO office_seals (office, seq, digest, statement, "
			       "signature, received) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", &s) != SQLITE_OK) {
		store_rollback(st);
		return db_error(st, err, _("无法保存收到的封存"));
	}
	clock_stamp(clock_now(), stamp);
	for (long i = 0; i < n && rc == SQLITE_DONE; i++) {
		dbq_bind_text(s, 1, office);
		dbq_bind_int(s, 2, r[i].s.seq);
		dbq_bind_text(s, 3, r[i].digest);
		dbq_bind_text(s, 4, r[i].statement);
		dbq_bind_text(s, 5, r[i].signature);
		dbq_bind_text(s, 6, stamp);
		rc = dbq_step(s);
		dbq_reset(s);
	}
	dbq_finalize(s);
	if (rc != SQLITE_DONE) {
		db_error(st, err, _("无法保存收到的封存"));
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

/* ---- opening -------------------------------------------------------------- */

/* Check an envelope and its signature. An encrypted payload is decrypted
 * into *plain (to free when *owned); one in clear stays in the file
 * (*plain NULL: env_payload_copy writes it out). *plainlen: its length.
 * trust: the signer must be trusted here. */
static int plain_copy(struct yk_store *st, struct envelope *e, const char *path, struct tmpname *t,
		      yk_error *err);

static int
env_open(struct yk_store *st, const char *path, struct envelope *e, int trust,
	 struct seal_identity *id, unsigned char **plain, size_t *plainlen, int *owned,
	 struct tmpname *copy, struct envelope_info *info, yk_error *err)
{
	char *identity = sec_text(e, S_IDENTITY), *idsig = sec_text(e, S_IDSIG);
	char *recipient = sec_text(e, S_RECIPIENT), *seals = sec_text(e, S_SEALS);
	char *sig = sec_text(e, S_SIGNATURE), digest[HASH_BUFSZ];
	struct seal_identity have;
	int rc = -1;

	*plain = NULL;
	*owned = 0;
	if (keys_identity_check(identity, idsig, id, err) < 0) {
		yk_error_kind(err, YK_ERR_DAMAGED);
		yk_error_prefix(err, "%s: ", path);
		goto out;
	}
	snprintf(info->office, sizeof info->office, "%s", id->office);
	seal_fingerprint_hex(id->sign, info->fingerprint);
	if (trust && id->training != (store_training(st) != 0)) {
		yk_error_setk(err, YK_ERR_CONFLICT, _("%s: 来自%s库的同步包不能导入%s库"),
			      path, store_training(st) ? _("正式") : _("培训"),
			      store_training(st) ? _("培训") : _("正式"));
		goto out;
	}
	if (trust) {
		char own[SYNC_ID_BUFSZ];
		int t;

		/* this database's own bundle, or another with its office code:
		 * sync_import refuses them with what is wrong */
		if (store_db_id(st, own, err) < 0)
			goto out;
		t = strcmp(id->db, own) == 0 || strcmp(id->office, store_office(st)) == 0
			    ? 2 : trusted(st, id->office, &have, err);

		if (t < 0)
			goto out;
		if (t == 1) {
			yk_error_setk(err, YK_ERR_CONFLICT,
				      _("%s: 由单位 %s 用密钥 %s 签名，本库不信任这个密钥：先与单位 %s 核对这个指纹（打电话），再运行：yekuo sync trust %s --confirm '%s'"),
				      path, id->office, info->fingerprint, id->office, path,
				      info->fingerprint);
			goto out;
		}
		if (t == 0 && strcmp(have.sign, id->sign) != 0) {
			char a[SEAL_FP_BUFSZ];

			seal_fingerprint_hex(have.sign, a);
			yk_error_setk(err, YK_ERR_CONFLICT,
				      _("%s: 以单位 %s 的名义用密钥 %s 签名，但本库信任的单位 %s 的密钥是 %s——已拒绝（伪造的同步包，或该单位换了新密钥：先与它核对，再 yekuo sync trust --replace）"),
				      path, id->office, info->fingerprint, id->office, a);
			goto out;
		}
	}
	if (recipient[0]) {
		struct office_keys k;
		int created;
		char rbox[SEAL_KEY_HEX] = "";
		size_t sp = strcspn(recipient, " ");

		snprintf(rbox, sizeof rbox, "%.*s", (int)sp, recipient);
		snprintf(info->recipient, sizeof info->recipient, "%s",
			 recipient[sp] ? recipient + sp + 1 : "");
		if (seals_keys(st, 0, &k, &created, err) < 0)
			goto out;
		if (strcmp(k.id.box, rbox) != 0) {
			keys_free(&k);
			yk_error_setk(err, YK_ERR_CONFLICT,
				      _("%s: 是为单位 %s 加密的——只有该单位的密钥能读，本库（单位 %s）的不能"),
				      path, info->recipient[0] ? info->recipient : "?", store_office(st));
			goto out;
		}
		keys_free(&k);
		if (seals_keys(st, 1, &k, &created, err) < 0)
			goto out;
		if (e->seclen[S_PAYLOAD] < crypto_box_SEALBYTES) {
			keys_free(&k);
			yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 加密的同步包在中途断了"), path);
			goto out;
		}
		if (e->seclen[S_PAYLOAD] > ENVELOPE_MAX) {
			keys_free(&k);
			yk_error_setk(err, YK_ERR_DAMAGED,
				      _("%s: 加密的同步包有 %zu MB，超过本程序能解密的 %zu MB——未读取"), path,
				      e->seclen[S_PAYLOAD] >> 20, ENVELOPE_MAX >> 20);
			goto out;
		}
		{
			unsigned char pk[crypto_box_PUBLICKEYBYTES], *cipher = env_payload_read(e, path, err);
			int opened;

			if (!cipher) {
				keys_free(&k);
				goto out;
			}
			seal_unhex(k.id.box, pk, sizeof pk);
			*plainlen = e->seclen[S_PAYLOAD] - crypto_box_SEALBYTES;
			*plain = xcalloc(*plainlen + 1, 1);
			*owned = 1;
			opened = crypto_box_seal_open(*plain, cipher, e->seclen[S_PAYLOAD], pk, k.box_sk) == 0;
			free(cipher);
			if (!opened) {
				keys_free(&k);
				yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 同步包无法解密（已损坏或被改动）"), path);
				goto out;
			}
		}
		keys_free(&k);
		sha256_hex(*plain, *plainlen, e->payload_hash);
	} else {
		/* in clear: hashed from the file — and, with copy, copied out to
		 * a private file in the same pass (removed if the signature
		 * fails); else copied later, hashed again */
		*plainlen = e->seclen[S_PAYLOAD];
		if (copy) {
			if (plain_copy(st, e, path, copy, err) < 0)
				goto out;
		} else if (fseeko(e->f, e->payload_at, SEEK_SET) < 0 ||
			   hash_stream(e->f, *plainlen, -1, path, e->payload_hash, err) < 0)
			goto out;
	}
	signed_digest(identity, idsig, recipient, seals, strlen(seals), e->payload_hash, digest);
	if (!keys_verify(id->sign, digest, strlen(digest), sig)) {
		if (copy && copy->tmp)
			tmpname_abort(copy);
		yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 单位 %s 的签名与同步包不符（签名之后被改动过）"),
			      path, id->office);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && *owned) {
		sodium_memzero(*plain, *plainlen);
		free(*plain);
		*plain = NULL;
		*owned = 0;
	}
	free(identity);
	free(idsig);
	free(recipient);
	free(seals);
	free(sig);
	return rc;
}

/* The plaintext, for sync_import to open as a bundle: a 0600 file beside
 * the database (it holds what the database holds, in clear like it), gone
 * when the import ends; one left by a killed import is removed at the next
 * start (outfile_sweep). A server's database has no folder here: the
 * file goes in $TMPDIR (/tmp). */
static char *
plain_near(struct yk_store *st)
{
	const char *tmp = getenv("TMPDIR");

	if (!store_server_role(st))
		return xasprintf("%s.import", store_path(st));
	return xasprintf("%s/yekuo-bundle.import", tmp && *tmp ? tmp : "/tmp");
}

static int
plain_file(struct yk_store *st, const unsigned char *data, size_t len, struct tmpname *t,
	   yk_error *err)
{
	char *near = plain_near(st);
	int fd = tmpname_create(t, near, 0, err);
	size_t off = 0;

	free(near);
	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < len) {
		int e = errno;

		close(fd);
		tmpname_abort(t);
		return yk_error_setk(err, yk_errno_kind(e), _("无法在 %s 旁边写入：%s"), store_path(st),
				     strerror(e));
	}
	close(fd);
	return 0;
}

/* The same from the envelope's file, for a payload in clear: copied
 * and hashed in one pass (e->payload_hash). */
static int
plain_copy(struct yk_store *st, struct envelope *e, const char *path, struct tmpname *t,
	   yk_error *err)
{
	char *near = plain_near(st);
	int fd = tmpname_create(t, near, 0, err), rc;

	free(near);
	if (fd < 0)
		return -1;
	rc = fseeko(e->f, e->payload_at, SEEK_SET) < 0
		     ? yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 无法读取同步包"), path)
		     : hash_stream(e->f, e->seclen[S_PAYLOAD], fd, path, e->payload_hash, err);
	close(fd);
	if (rc < 0)
		tmpname_abort(t);
	return rc;
}

/* A message about the plain copy names the bundle instead. */
static void
rename_in(yk_error *err, const char *from, const char *to)
{
	char *p = strstr(err->msg, from);

	if (p) {
		char *msg = xasprintf("%.*s%s%s", (int)(p - err->msg), err->msg, to, p + strlen(from));

		snprintf(err->msg, sizeof err->msg, "%s", msg);
		free(msg);
	}
}

int
envelope_import(struct yk_store *st, const struct yk_rules *rules, const char *path, int dry_run,
		struct envelope_info *info, struct sync_summary *out, yk_error *err)
{
	return envelope_import_each(st, rules, path, dry_run, NULL, NULL, info, out, err);
}

int
envelope_import_each(struct yk_store *st, const struct yk_rules *rules, const char *path,
		     int dry_run, void (*on_case)(void *ctx, const struct sync_case_change *c),
		     void *ctx, struct envelope_info *info, struct sync_summary *out, yk_error *err)
{
	struct envelope e;
	struct seal_identity id;
	struct seal_record *seals = NULL;
	unsigned char *plain;
	size_t plainlen;
	long nseals = 0;
	struct tmpname t = {0};
	char *text;
	int owned, made = 0, rc = -1;

	memset(info, 0, sizeof *info);
	memset(out, 0, sizeof *out);
	if (access(path, F_OK) < 0 && errno == ENOENT)
		return yk_error_setk(err, YK_ERR_NOT_FOUND, _("%s: 没有这个文件"), path);
	if (env_read(path, &e, err) < 0)
		return -1;
	if (env_open(st, path, &e, 1, &id, &plain, &plainlen, &owned, &t, info, err) < 0)
		goto out;
	made = t.tmp != NULL;
	text = sec_text(&e, S_SEALS);
	rc = split_seals(path, text, &seals, &nseals, err);
	free(text);
	if (rc < 0 || (rc = check_seals(st, path, &id, seals, nseals, err)) < 0)
		goto out;
	rc = -1;
	info->seals = nseals;
	if (nseals) {
		info->seal_seq = seals[nseals - 1].s.seq;
		snprintf(info->seal_digest, sizeof info->seal_digest, "%s", seals[nseals - 1].digest);
	}
	if (plain && plain_file(st, plain, plainlen, &t, err) < 0)
		goto out;
	made = 1;
	if (sync_import_each(st, rules, t.tmp, dry_run, on_case, ctx, out, err) < 0) {
		rename_in(err, t.tmp, path);
		goto out;
	}
	if (!dry_run && keep_seals(st, id.office, seals, nseals, err) < 0) {
		sync_summary_free(out);
		goto out;
	}
	rc = 0;
out:
	if (made)
		tmpname_abort(&t);
	if (owned) {
		sodium_memzero(plain, plainlen);
		free(plain);
	}
	for (long i = 0; i < nseals; i++)
		seal_record_free(&seals[i]);
	free(seals);
	env_free(&e);
	return rc;
}

/* ---- writing -------------------------------------------------------------- */

/* A file already at path may be replaced only by a bundle: it must be one
 * (an envelope, or a bundle of before envelopes). */
static int
target_ok(const char *path, yk_error *err)
{
	unsigned char head[72];
	FILE *f = fopen(path, "rb");
	size_t n;
	const char *what = _("不是同步包的文件");

	if (!f)
		return 0;
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	if (n >= strlen(MAGIC) && memcmp(head, MAGIC, strlen(MAGIC)) == 0)
		return 0;
	if (n == sizeof head && memcmp(head, "SQLite format 3", 16) == 0) {
		unsigned long appid = (unsigned long)head[68] << 24 | (unsigned long)head[69] << 16 |
				      (unsigned long)head[70] << 8 | head[71];

		if (appid == BUNDLE_APPLICATION_ID)
			return 0;
		what = appid == APPLICATION_ID ? _("这是 yekuo 的数据库") : _("是别的程序的 SQLite 文件");
	}
	return yk_error_setk(err, YK_ERR_CONFLICT, _("拒绝覆盖：%s: 不是同步包（%s）"),
			     path, what);
}

/* Write all of data[0..n) to fd. */
static int
put_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* "NAME LEN\n" DATA "\n" (data NULL: the caller writes the bytes). */
static int
put_section(int fd, const char *name, const void *data, size_t n)
{
	char head[64];
	int h = snprintf(head, sizeof head, "%s %zu\n", name, n);

	return put_all(fd, head, (size_t)h) < 0 || (data && (put_all(fd, data, n) < 0 ||
							     put_all(fd, "\n", 1) < 0)) ? -1 : 0;
}

/* Wrap the SQLite bundle in file inner as this office's envelope to path;
 * box: the recipient's encryption key (hex) and office, or NULL. In clear,
 * the bundle is hashed and copied in chunks (memory does not grow with
 * it); encrypted, it is sealed whole. */
static int
wrap(struct yk_store *st, const struct office_keys *k, const char *inner, const char *box,
     const char *box_office, const char *path, const struct out_guard *g,
     struct envelope_info *info, yk_error *err)
{
	struct seal_record last = {0};
	struct tmpname t = {0};
	char *seals, *recipient, digest[HASH_BUFSZ], sig[KEYS_SIG_HEX], hash[HASH_BUFSZ];
	unsigned char *cipher = NULL;
	char *plain = NULL;
	size_t plainlen = 0;
	FILE *in = NULL;
	struct stat sb;
	long n;
	int fd = -1, rc = -1, bad;

	seals = all_seals(st, &n, &last, err);
	if (!seals)
		return -1;
	info->seals = n;
	info->seal_seq = last.s.seq;
	snprintf(info->seal_digest, sizeof info->seal_digest, "%s", last.digest);
	recipient = box ? xasprintf("%s %s", box, box_office) : xstrdup("");
	if (box) {
		unsigned char pk[crypto_box_PUBLICKEYBYTES];

		/* sealed whole in memory: a bundle too large for that is
		 * refused before anything is read, saying what to do */
		if (stat(inner, &sb) == 0 && (unsigned long long)sb.st_size > ENVELOPE_MAX) {
			yk_error_setk(err, YK_ERR_INPUT,
				      _("加密的同步包最多 %zu MB，这次要导出 %lld MB：请用 --since-last 只导出对方还没有的事件，"
					"或不加密（不用 --for）导出到可信的介质"),
				      ENVELOPE_MAX >> 20, (long long)(sb.st_size >> 20));
			goto out;
		}
		if (datadir_read_file(inner, ENVELOPE_MAX, &plain, &plainlen, err) < 0)
			goto out;
		sha256_hex(plain, plainlen, hash);
		seal_unhex(box, pk, sizeof pk);
		cipher = xcalloc(plainlen + crypto_box_SEALBYTES, 1);
		crypto_box_seal(cipher, (unsigned char *)plain, plainlen, pk);
	} else {
		in = fopen(inner, "rb");
		if (!in || fstat(fileno(in), &sb) < 0) {
			yk_error_setk(err, YK_ERR_SYSTEM, "%s: %s", inner, strerror(errno));
			goto out;
		}
		plainlen = (size_t)sb.st_size;
	}
	if (out_guard_check(path, g, err) < 0 || target_ok(path, err) < 0)
		goto out;
	fd = tmpname_create(&t, path, g && g->force, err);
	if (fd < 0)
		goto out;
	bad = put_all(fd, MAGIC, strlen(MAGIC)) < 0 ||
	      put_section(fd, "identity", k->identity, strlen(k->identity)) < 0 ||
	      put_section(fd, "identity-signature", k->identity_sig, strlen(k->identity_sig)) < 0 ||
	      put_section(fd, "recipient", recipient, strlen(recipient)) < 0 ||
	      put_section(fd, "seals", seals, strlen(seals)) < 0;
	if (!bad && cipher) {
		bad = put_section(fd, "payload", cipher, plainlen + crypto_box_SEALBYTES) < 0;
	} else if (!bad) {
		/* copied in chunks and hashed in the same pass: the signature
		 * comes after the payload */
		bad = put_section(fd, "payload", NULL, plainlen) < 0;
		if (!bad && hash_stream(in, plainlen, fd, inner, hash, err) < 0) {
			close(fd);
			tmpname_abort(&t);
			goto out;
		}
		bad = bad || put_all(fd, "\n", 1) < 0;
	}
	if (!bad) {
		signed_digest(k->identity, k->identity_sig, recipient, seals, strlen(seals), hash,
			      digest);
		keys_sign(k, digest, strlen(digest), sig);
	}
	bad = bad || put_section(fd, "signature", sig, strlen(sig)) < 0;
	if (bad || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		tmpname_abort(&t);
		yk_error_setk(err, yk_errno_kind(e), _("无法写入 %s：%s"), path, strerror(e));
		goto out;
	}
	close(fd);
	rc = tmpname_commit(&t, err);
out:
	if (in)
		fclose(in);
	if (plain) {
		sodium_memzero(plain, plainlen);
		free(plain);
	}
	free(cipher);
	free(seals);
	free(recipient);
	seal_record_free(&last);
	return rc;
}

/* The recipient's key: for_office's (it must be trusted), else none
 * (box[0] = 0). */
static int
recipient_of(struct yk_store *st, const char *for_office, const char *peer,
	     char box[SEAL_KEY_HEX], char office[16], char fp[SEAL_FP_BUFSZ], yk_error *err)
{
	struct seal_identity id;
	const char *name = for_office;
	int rc;

	(void)peer;
	box[0] = office[0] = '\0';
	if (!name || !*name)
		return 0;
	rc = trusted(st, name, &id, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		if (for_office)
			return yk_error_setk(err, YK_ERR_NOT_FOUND,
					     _("--for %s: 这里没有登记单位 %s 的密钥，所以无法为它加密同步包（先运行：yekuo sync trust 文件，用单位 %s 的同步包或公钥文件）"),
					     for_office, for_office, for_office);
		return 0;
	}
	snprintf(box, SEAL_KEY_HEX, "%s", id.box);
	snprintf(office, 16, "%s", id.office);
	seal_fingerprint_hex(id.sign, fp);
	return 0;
}

int
envelope_export(struct yk_store *st, const char *path, const struct sync_export_opts *o,
		const char *for_office, struct envelope_info *info, struct sync_summary *out,
		yk_error *err)
{
	struct office_keys k;
	struct seal_record sr;
	struct sync_export_opts inner_o = *o;
	char box[SEAL_KEY_HEX], office[16], dir[PATH_MAX], inner[PATH_MAX + 16];
	int created, rc = -1;

	memset(info, 0, sizeof *info);
	memset(out, 0, sizeof *out);
	if (o->dry_run)
		return sync_export(st, path, o, out, err);
	if (recipient_of(st, for_office, o->peer, box, office, info->recipient_fp, err) < 0)
		return -1;
	if (out_guard_check(path, o->guard, err) < 0 || target_ok(path, err) < 0)
		return -1;
	if (seals_keys(st, 1, &k, &created, err) < 0)
		return -1;
	info->key_created = created;
	snprintf(info->office, sizeof info->office, "%s", k.id.office);
	snprintf(info->fingerprint, sizeof info->fingerprint, "%s", k.fingerprint);
	snprintf(info->recipient, sizeof info->recipient, "%s", office);
	if (seals_make(st, &k, "bundle", 0, &sr, err) < 0) {
		keys_free(&k);
		return -1;
	}
	seal_record_free(&sr);
	/* the plain bundle, in a private folder beside the target, for as long
	 * as it takes to wrap it */
	if (snprintf(dir, sizeof dir, "%s.tmpXXXXXX", path) >= (int)sizeof dir || !mkdtemp(dir)) {
		keys_free(&k);
		return yk_error_setk(err, yk_errno_kind(errno), _("无法在 %s 旁边写入：%s"), path,
				     strerror(errno));
	}
	snprintf(inner, sizeof inner, "%s/bundle", dir);
	inner_o.guard = NULL;
	if (sync_export(st, inner, &inner_o, out, err) < 0)
		goto out;
	if (wrap(st, &k, inner, box[0] ? box : NULL, office, path, o->guard, info, err) < 0) {
		sync_summary_free(out);
		goto out;
	}
	if (o->peer && *o->peer) {
		/* the peer's record names the file written, not the private copy */
		struct sync_peer p;

		if (store_sync_peer_get(st, o->peer, &p, err) == 0) {
			snprintf(p.file, sizeof p.file, "%s", path);
			store_sync_peer_put(st, &p, err);
		}
	}
	rc = 0;
out:
	unlink(inner);
	rmdir(dir);
	keys_free(&k);
	return rc;
}

/* ---- tests and inspection ------------------------------------------------ */

int
envelope_unwrap(struct yk_store *st, const char *path, const char *inner, yk_error *err)
{
	struct envelope e;
	struct seal_identity id;
	struct envelope_info info = {0};
	unsigned char *plain;
	size_t plainlen;
	int owned, rc, fd;

	if (env_read(path, &e, err) < 0)
		return -1;
	rc = env_open(st, path, &e, 0, &id, &plain, &plainlen, &owned, NULL, &info, err);
	if (rc == 0 && plain)
		rc = datadir_write_file(inner, (const char *)plain, plainlen, 0600, err);
	else if (rc == 0) {
		fd = open(inner, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			rc = yk_error_setk(err, yk_errno_kind(errno), "%s: %s", inner, strerror(errno));
		else {
			rc = env_payload_copy(&e, path, fd, err);
			close(fd);
		}
	}
	if (owned) {
		sodium_memzero(plain, plainlen);
		free(plain);
	}
	env_free(&e);
	return rc;
}

int
envelope_wrap(struct yk_store *st, const char *inner, const char *path, yk_error *err)
{
	struct office_keys k;
	struct envelope_info info = {0};
	struct out_guard g = {.force = 1};
	int created, rc;

	if (seals_keys(st, 1, &k, &created, err) < 0)
		return -1;
	rc = wrap(st, &k, inner, NULL, NULL, path, &g, &info, err);
	keys_free(&k);
	return rc;
}
