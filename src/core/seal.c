#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/seal.h"
#include "yekuo/core/sha256.h"
#include "yekuo/core/xalloc.h"

void
seal_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
seal_unhex(const char *s, unsigned char *out, size_t n)
{
	if (strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int h = hexval(s[2 * i]), l = hexval(s[2 * i + 1]);

		if (h < 0 || l < 0)
			return -1;
		out[i] = (unsigned char)(h << 4 | l);
	}
	return 0;
}

void
seal_fingerprint(const unsigned char pk[32], char out[SEAL_FP_BUFSZ])
{
	struct sha256 c;
	unsigned char d[32];
	char *p = out;

	sha256_init(&c);
	sha256_update(&c, "yekuo-key-fingerprint-v1\n", 25);
	sha256_update(&c, pk, 32);
	sha256_final(&c, d);
	/* four 40-bit numbers, each taken modulo 10^8 (a bias below 2^-13):
	 * 8 digits each, in two groups of 4 */
	for (int i = 0; i < 4; i++) {
		unsigned long long v = 0;

		for (int j = 0; j < 5; j++)
			v = v << 8 | d[5 * i + j];
		v %= 100000000ULL;
		p += sprintf(p, "%s%04llu %04llu", i ? " " : "", v / 10000, v % 10000);
	}
}

void
seal_fingerprint_hex(const char *pk_hex, char out[SEAL_FP_BUFSZ])
{
	unsigned char pk[32];

	out[0] = '\0';
	if (seal_unhex(pk_hex, pk, sizeof pk) == 0)
		seal_fingerprint(pk, out);
}

void
seal_short(const char *digest, char out[SEAL_SHORT_BUFSZ])
{
	snprintf(out, SEAL_SHORT_BUFSZ, "%.4s %.4s %.4s %.4s", digest, digest + 4, digest + 8,
		 digest + 12);
}

int
seal_matches(const char *s, const char *digest)
{
	size_t k = 0;

	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (k >= strlen(digest) || (*s | 0x20) != digest[k])
			return 0;
		k++;
	}
	return k >= 8;
}

void
seal_event_digest(const struct yk_event *ev, char out[HASH_BUFSZ])
{
	char *data = payload_serialize(&ev->data), b[YK_DATE_BUFSZ];
	char *text = xasprintf("yekuo-event-content-v1\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s", ev->uuid,
			       ev->case_no, ev_kind_code(ev->kind), date_format(ev->effective, b),
			       ev->recorded, ev->operator_name, ev->origin, data);

	sha256_hex(text, strlen(text), out);
	free(text);
	free(data);
}

void
seal_case_leaf(const char *case_no, long nevents, const char *members, char out[HASH_BUFSZ])
{
	char *text = xasprintf("yekuo-seal-case-v1\n%s\n%ld\n%s", case_no, nevents, members);

	sha256_hex(text, strlen(text), out);
	free(text);
}

static void
node(unsigned char tag, const unsigned char *a, const unsigned char *b, unsigned char out[32])
{
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, &tag, 1);
	sha256_update(&c, a, 32);
	if (b)
		sha256_update(&c, b, 32);
	sha256_final(&c, out);
}

void
seal_merkle_root(const char (*leaves)[HASH_BUFSZ], size_t n, char out[HASH_BUFSZ])
{
	unsigned char(*level)[32];
	size_t m = n;

	if (n == 0) {
		sha256_hex("", 0, out);
		return;
	}
	level = xcalloc(n, sizeof *level);
	for (size_t i = 0; i < n; i++) {
		unsigned char raw[32];

		if (seal_unhex(leaves[i], raw, sizeof raw) < 0)
			memset(raw, 0, sizeof raw);
		node(0, raw, NULL, level[i]);
	}
	while (m > 1) {
		size_t k = 0;

		for (size_t i = 0; i < m; i += 2, k++)
			if (i + 1 < m)
				node(1, level[i], level[i + 1], level[k]);
			else
				memmove(level[k], level[i], 32);
		m = k;
	}
	seal_hex(level[0], 32, out);
	free(level);
}

/* ---- statements --------------------------------------------------------- */

#define SEAL_HEAD "yekuo-seal-v1\n"

char *
seal_format(const struct seal *s)
{
	return xasprintf(SEAL_HEAD "seq=%ld\noffice=%s\ndb=%s\nkey=%s\nidentity=%s\ntime=%s\n"
			 "why=%s\nprev=%s\ncases=%ld\nevents=%ld\nroot=%s\nadded=%ld\n"
			 "added-digest=%s\n",
			 s->seq, s->office, s->db, s->key, s->identity, s->time, s->why, s->prev,
			 s->cases, s->events, s->root, s->added, s->added_digest);
}

void
seal_digest(const char *statement, char out[HASH_BUFSZ])
{
	sha256_hex(statement, strlen(statement), out);
}

/* key=value lines after a first line `head`, each key once, none missing:
 * fields[i] gets line keys[i]. */
static int
parse_lines(const char *text, const char *head, const char *what, const char *const *keys,
	    char **vals, const size_t *sizes, size_t n, yk_error *err)
{
	const char *p = text;
	size_t seen = 0;

	if (strncmp(p, head, strlen(head)) != 0)
		return yk_error_set(err, _("不是%s（第一行不对）"), what);
	p += strlen(head);
	while (*p) {
		const char *eq = strchr(p, '='), *nl = strchr(p, '\n');
		size_t i;

		if (!nl || !eq || eq > nl)
			return yk_error_set(err, _("%s：有一行不是 key=value"), what);
		for (i = 0; i < n; i++)
			if (strlen(keys[i]) == (size_t)(eq - p) && strncmp(p, keys[i], (size_t)(eq - p)) == 0)
				break;
		if (i == n || vals[i][0] || (size_t)(nl - eq - 1) >= sizes[i])
			return yk_error_set(err, _("%s：意外、重复或过长的一行 '%.*s'"), what,
					    (int)(eq - p), p);
		memcpy(vals[i], eq + 1, (size_t)(nl - eq - 1));
		vals[i][nl - eq - 1] = '\0';
		if (!vals[i][0])
			vals[i][0] = '\1'; /* present but empty */
		seen++;
		p = nl + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!vals[i][0])
			return yk_error_set(err, _("%s：缺少 '%s' 行"), what, keys[i]);
		if (vals[i][0] == '\1')
			vals[i][0] = '\0';
	}
	(void)seen;
	return 0;
}

static long
number(const char *s, int *bad)
{
	char *end;
	long v;

	if (!*s || *s == '-' || *s == '+') {
		*bad = 1;
		return 0;
	}
	v = strtol(s, &end, 10);
	if (*end)
		*bad = 1;
	return v;
}

int
seal_parse(const char *text, struct seal *s, yk_error *err)
{
	static const char *const keys[] = {"seq",  "office", "db",	"key",   "identity",
					   "time", "why",    "prev",	"cases", "events",
					   "root", "added",  "added-digest"};
	char seq[24] = "", cases[24] = "", events[24] = "", added[24] = "";
	char *vals[] = {seq,	s->office, s->db,   s->key,  s->identity, s->time,	  s->why,
			s->prev, cases,	   events, s->root, added,	 s->added_digest};
	size_t sizes[] = {sizeof seq,	  sizeof s->office, sizeof s->db,   sizeof s->key,
			  sizeof s->identity, sizeof s->time,	sizeof s->why,	sizeof s->prev,
			  sizeof cases,	  sizeof events,	sizeof s->root, sizeof added,
			  sizeof s->added_digest};
	int bad = 0;

	memset(s, 0, sizeof *s);
	if (parse_lines(text, SEAL_HEAD, _("封存记录"), keys, vals, sizes, 13, err) < 0)
		return -1;
	s->seq = number(seq, &bad);
	s->cases = number(cases, &bad);
	s->events = number(events, &bad);
	s->added = number(added, &bad);
	if (bad || s->seq < 1)
		return yk_error_set(err, _("封存记录：计数不是数字"));
	return 0;
}

#define IDENTITY_HEAD "yekuo-identity-v1\n"

char *
seal_identity_format(const struct seal_identity *id)
{
	return xasprintf(IDENTITY_HEAD "db=%s\noffice=%s\ntraining=%d\ncreated=%s\nsign=%s\nbox=%s\n",
			 id->db, id->office, id->training ? 1 : 0, id->created, id->sign, id->box);
}

int
seal_identity_parse(const char *text, struct seal_identity *id, yk_error *err)
{
	static const char *const keys[] = {"db", "office", "training", "created", "sign", "box"};
	char training[4] = "";
	char *vals[] = {id->db, id->office, training, id->created, id->sign, id->box};
	size_t sizes[] = {sizeof id->db,      sizeof id->office, sizeof training,
			  sizeof id->created, sizeof id->sign,	 sizeof id->box};

	memset(id, 0, sizeof *id);
	if (parse_lines(text, IDENTITY_HEAD, _("单位身份文件"), keys, vals, sizes, 6, err) < 0)
		return -1;
	if (strcmp(training, "0") != 0 && strcmp(training, "1") != 0)
		return yk_error_set(err, _("单位身份文件：training 是 '%s'，不是 0 或 1"), training);
	id->training = training[0] == '1';
	return 0;
}
