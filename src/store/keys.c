#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/xalloc.h"
#include "yekuo/store/keys.h"

#define KEY_FILE_MAX 8192
#define SECRET_BYTES (64 + 32) /* the Ed25519 secret key, then the X25519 one */
#define SEPARATOR "----\n"

static keys_ask_fn asker;

void
keys_set_asker(keys_ask_fn fn)
{
	asker = fn;
}

char *
keys_path(const char *db_path)
{
	return xasprintf("%s.key", db_path);
}

static int
get_passphrase(const char *prompt, char *buf, size_t bufsz, yk_error *err)
{
	const char *env = getenv("YEKUO_PASSPHRASE");

	if (env && *env) {
		snprintf(buf, bufsz, "%s", env);
		return 0;
	}
	if (!asker || asker(prompt, buf, bufsz) < 0)
		return yk_error_set(err, _("单位密钥用口令锁着：请在终端里运行以输入口令，或设置 YEKUO_PASSPHRASE"));
	return 0;
}

int
keys_new_passphrase(char *buf, size_t bufsz, yk_error *err)
{
	char again[256];

	if (getenv("YEKUO_PASSPHRASE") && *getenv("YEKUO_PASSPHRASE"))
		return get_passphrase("", buf, bufsz, err);
	if (!asker || asker(_("单位密钥的口令："), buf, bufsz) < 0 ||
	    asker(_("再输一遍同样的口令："), again, sizeof again) < 0)
		return yk_error_set(err, _("--passphrase 要在终端里输入口令（或设置 YEKUO_PASSPHRASE）"));
	if (strcmp(buf, again) != 0) {
		sodium_memzero(again, sizeof again);
		return yk_error_set(err, _("两次输入的口令不同；什么也没有创建"));
	}
	sodium_memzero(again, sizeof again);
	if (strlen(buf) < 8)
		return yk_error_set(err, _("口令不足 8 个字符"));
	return 0;
}

int
keys_sign(const struct office_keys *k, const void *msg, size_t len, char sig[KEYS_SIG_HEX])
{
	unsigned char s[crypto_sign_BYTES];

	if (!k->have_secret)
		return -1;
	crypto_sign_detached(s, NULL, msg, len, k->sign_sk);
	seal_hex(s, sizeof s, sig);
	return 0;
}

int
keys_verify(const char *pk_hex, const void *msg, size_t len, const char *sig)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], s[crypto_sign_BYTES];

	if (seal_unhex(pk_hex, pk, sizeof pk) < 0 || seal_unhex(sig, s, sizeof s) < 0)
		return 0;
	return crypto_sign_verify_detached(s, msg, len, pk) == 0;
}

int
keys_identity_check(const char *text, const char *sig, struct seal_identity *id, yk_error *err)
{
	if (seal_identity_parse(text, id, err) < 0)
		return -1;
	if (!keys_verify(id->sign, text, strlen(text), sig))
		return yk_error_set(err, _("单位身份的签名与它不符（身份被改动过）"));
	return 0;
}

/* The key derived from a passphrase (Argon2id, libsodium's interactive
 * limits: about 64 MiB and a fraction of a second). */
static int
derive(const char *pass, const unsigned char *salt, unsigned long long ops, size_t mem,
       unsigned char key[crypto_secretbox_KEYBYTES])
{
	return crypto_pwhash(key, crypto_secretbox_KEYBYTES, pass, strlen(pass), salt, ops, mem,
			     crypto_pwhash_ALG_ARGON2ID13);
}

int
keys_make(const struct seal_identity *idin, const char *passphrase, struct office_keys *out,
	  char **textp, yk_error *err)
{
	unsigned char spk[crypto_sign_PUBLICKEYBYTES], bpk[crypto_box_PUBLICKEYBYTES];
	unsigned char secret[SECRET_BYTES], boxed[SECRET_BYTES + crypto_secretbox_MACBYTES];
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char key[crypto_secretbox_KEYBYTES];
	char shex[2 * sizeof boxed + 1], salthex[2 * sizeof salt + 1], noncehex[2 * sizeof nonce + 1];
	int locked = passphrase && *passphrase;
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

	*textp = NULL;
	memset(out, 0, sizeof *out);
	if (sodium_init() < 0)
		return yk_error_set(err, _("libsodium 无法启动"));
	out->id = *idin;
	crypto_sign_keypair(spk, out->sign_sk);
	crypto_box_keypair(bpk, out->box_sk);
	seal_hex(spk, sizeof spk, out->id.sign);
	seal_hex(bpk, sizeof bpk, out->id.box);
	out->have_secret = 1;
	out->locked = locked;
	out->identity = seal_identity_format(&out->id);
	keys_sign(out, out->identity, strlen(out->identity), out->identity_sig);
	seal_fingerprint(spk, out->fingerprint);

	memcpy(secret, out->sign_sk, 64);
	memcpy(secret + 64, out->box_sk, 32);
	salthex[0] = noncehex[0] = '\0';
	if (locked) {
		randombytes_buf(salt, sizeof salt);
		randombytes_buf(nonce, sizeof nonce);
		if (derive(passphrase, salt, ops, mem, key) != 0) {
			sodium_memzero(secret, sizeof secret);
			keys_free(out);
			return yk_error_set(err, _("内存不足，无法用口令锁住密钥"));
		}
		crypto_secretbox_easy(boxed, secret, sizeof secret, nonce, key);
		sodium_memzero(key, sizeof key);
		seal_hex(boxed, sizeof boxed, shex);
		seal_hex(salt, sizeof salt, salthex);
		seal_hex(nonce, sizeof nonce, noncehex);
	} else {
		seal_hex(secret, sizeof secret, shex);
	}
	sodium_memzero(secret, sizeof secret);
	*textp = xasprintf("%s" SEPARATOR "signature=%s\nprotection=%s\nsalt=%s\nopslimit=%llu\n"
			   "memlimit=%zu\nnonce=%s\nsecret=%s\n",
			   out->identity, out->identity_sig, locked ? "argon2id" : "none", salthex,
			   locked ? ops : 0ULL, locked ? mem : (size_t)0, noncehex, shex);
	sodium_memzero(shex, sizeof shex);
	return 0;
}

int
keys_create(const char *path, const struct seal_identity *idin, const char *passphrase,
	    struct office_keys *out, yk_error *err)
{
	char *text;
	int fd;
	FILE *f;

	if (keys_make(idin, passphrase, out, &text, err) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		sodium_memzero(text, strlen(text));
		free(text);
		keys_free(out);
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法创建密钥文件：%s"),
				     path, strerror(errno));
	}
	f = fdopen(fd, "w");
	if (!f || fputs(text, f) == EOF || fflush(f) != 0 || fsync(fd) != 0) {
		int e = errno;

		if (f)
			fclose(f);
		else
			close(fd);
		unlink(path);
		sodium_memzero(text, strlen(text));
		free(text);
		keys_free(out);
		return yk_error_setk(err, yk_errno_kind(e), _("%s: 无法写入密钥文件：%s"), path,
				     strerror(e));
	}
	fclose(f);
	sodium_memzero(text, strlen(text));
	free(text);
	return 0;
}

/* The value of `key=` in the lines after the separator ("" if absent). */
static void
field(const char *lines, const char *key, char *out, size_t outsz)
{
	size_t kl = strlen(key);

	out[0] = '\0';
	for (const char *p = lines; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			const char *e = strchr(p + kl + 1, '\n');
			size_t n = e ? (size_t)(e - p - kl - 1) : strlen(p + kl + 1);

			snprintf(out, outsz, "%.*s", (int)(n < outsz ? n : outsz - 1), p + kl + 1);
			return;
		}
}

static int
unlock(struct office_keys *k, const char *lines, const char *path, yk_error *err)
{
	char prot[16], salthex[64], noncehex[64], shex[512], num[32], pass[256];
	unsigned char boxed[SECRET_BYTES + crypto_secretbox_MACBYTES], secret[SECRET_BYTES];
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char key[crypto_secretbox_KEYBYTES], pk[32];
	unsigned long long ops;
	size_t mem;
	int rc = 0;

	field(lines, "protection", prot, sizeof prot);
	field(lines, "secret", shex, sizeof shex);
	if (strcmp(prot, "none") == 0) {
		if (seal_unhex(shex, secret, sizeof secret) < 0)
			rc = yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 私钥已损坏"), path);
	} else if (strcmp(prot, "argon2id") == 0) {
		field(lines, "salt", salthex, sizeof salthex);
		field(lines, "nonce", noncehex, sizeof noncehex);
		field(lines, "opslimit", num, sizeof num);
		ops = strtoull(num, NULL, 10);
		field(lines, "memlimit", num, sizeof num);
		mem = (size_t)strtoull(num, NULL, 10);
		if (seal_unhex(shex, boxed, sizeof boxed) < 0 || seal_unhex(salthex, salt, sizeof salt) < 0 ||
		    seal_unhex(noncehex, nonce, sizeof nonce) < 0 || ops < crypto_pwhash_OPSLIMIT_MIN ||
		    ops > crypto_pwhash_OPSLIMIT_MAX || mem < crypto_pwhash_MEMLIMIT_MIN ||
		    mem > crypto_pwhash_MEMLIMIT_INTERACTIVE * 16)
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 锁住的私钥已损坏"), path);
		if (get_passphrase(_("单位密钥的口令："), pass, sizeof pass, err) < 0)
			return -1;
		rc = derive(pass, salt, ops, mem, key);
		sodium_memzero(pass, sizeof pass);
		if (rc != 0)
			return yk_error_set(err, _("内存不足，无法解锁单位密钥"));
		if (crypto_secretbox_open_easy(secret, boxed, sizeof boxed, nonce, key) != 0)
			rc = yk_error_set(err, _("%s: 单位密钥的口令不对"), path);
		sodium_memzero(key, sizeof key);
	} else {
		rc = yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 未知的密钥保护方式 '%s'"), path, prot);
	}
	sodium_memzero(shex, sizeof shex);
	if (rc < 0)
		return -1;
	memcpy(k->sign_sk, secret, 64);
	memcpy(k->box_sk, secret + 64, 32);
	sodium_memzero(secret, sizeof secret);
	/* the secret keys must be the ones the identity names */
	crypto_sign_ed25519_sk_to_pk(pk, k->sign_sk);
	{
		char hex[SEAL_KEY_HEX];

		seal_hex(pk, sizeof pk, hex);
		if (strcmp(hex, k->id.sign) != 0)
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 私钥不属于文件里的身份（已损坏或被改动）"), path);
		crypto_scalarmult_base(pk, k->box_sk);
		seal_hex(pk, sizeof pk, hex);
		if (strcmp(hex, k->id.box) != 0)
			return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 加密密钥不属于文件里的身份（已损坏或被改动）"), path);
	}
	k->have_secret = 1;
	return 0;
}

int
keys_load(const char *path, int secret, struct office_keys *out, yk_error *err)
{
	char buf[KEY_FILE_MAX + 1];
	struct stat sb;
	FILE *f;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	if (sodium_init() < 0)
		return yk_error_set(err, _("libsodium 无法启动"));
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		return yk_error_setk(err, yk_errno_kind(errno), _("%s: 无法读取密钥文件：%s"), path,
				     strerror(errno));
	}
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077))
		fprintf(stderr, _("yekuo: 注意：%s 其他用户也能读（权限 %o）：请 chmod 600\n"), path, (unsigned)(sb.st_mode & 0777));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n > KEY_FILE_MAX)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的密钥文件（太大）"), path);
	buf[n] = '\0';
	rc = keys_parse(buf, n, path, secret, out, err);
	sodium_memzero(buf, sizeof buf);
	return rc;
}

int
keys_parse(const char *text, size_t n, const char *path, int secret, struct office_keys *out,
	   yk_error *err)
{
	char buf[KEY_FILE_MAX + 1], prot[16], *sep;

	memset(out, 0, sizeof *out);
	if (n > KEY_FILE_MAX)
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的密钥文件（太大）"), path);
	if (sodium_init() < 0)
		return yk_error_set(err, _("libsodium 无法启动"));
	memcpy(buf, text, n);
	buf[n] = '\0';
	sep = strstr(buf, "\n" SEPARATOR);
	if (!sep || strlen(buf) != n) {
		sodium_memzero(buf, sizeof buf);
		return yk_error_setk(err, YK_ERR_DAMAGED, _("%s: 不是 yekuo 的密钥文件（或已损坏）"), path);
	}
	sep[1] = '\0';
	out->identity = xstrdup(buf);
	field(sep + 1 + strlen(SEPARATOR), "signature", out->identity_sig, sizeof out->identity_sig);
	field(sep + 1 + strlen(SEPARATOR), "protection", prot, sizeof prot);
	out->locked = strcmp(prot, "none") != 0;
	if (keys_identity_check(out->identity, out->identity_sig, &out->id, err) < 0) {
		sodium_memzero(buf, sizeof buf);
		keys_free(out);
		yk_error_kind(err, YK_ERR_DAMAGED);
		return yk_error_prefix(err, "%s: ", path);
	}
	seal_fingerprint_hex(out->id.sign, out->fingerprint);
	if (secret && unlock(out, sep + 1 + strlen(SEPARATOR), path, err) < 0) {
		sodium_memzero(buf, sizeof buf);
		keys_free(out);
		return -1;
	}
	sodium_memzero(buf, sizeof buf);
	return 0;
}

void
keys_free(struct office_keys *k)
{
	free(k->identity);
	sodium_memzero(k, sizeof *k);
}
