#ifndef YEKUO_KEYS_H
#define YEKUO_KEYS_H

/* The office keys: an Ed25519 signing key (seals, bundles) and an X25519
 * encryption key (bundles sent to this office), made by `yekuo init` and
 * kept in a 0600 key file beside the database — DB.key, never inside it —
 * optionally locked with a passphrase (Argon2id + XSalsa20-Poly1305). The
 * file also holds the signed identity (which database, office, training
 * or not) made at init. docs/security.md. */

#include <stddef.h>

#include "yekuo/core/error.h"
#include "yekuo/core/seal.h"

#define KEYS_SIG_HEX 129 /* an Ed25519 signature in hex */

struct office_keys {
	struct seal_identity id;
	char *identity;			/* the identity's text, as signed */
	char identity_sig[KEYS_SIG_HEX];
	char fingerprint[SEAL_FP_BUFSZ];
	int locked;			/* protected by a passphrase */
	int have_secret;		/* the secret keys below are loaded */
	unsigned char sign_sk[64], box_sk[32];
};

/* The key file of a database: "DB.key" (free it). */
char *keys_path(const char *db_path);

/* Where a passphrase comes from when YEKUO_PASSPHRASE is not set: the
 * face's prompt (the CLI reads the terminal). Returns 0 with buf filled,
 * -1 when it cannot ask. NULL: never ask. */
typedef int (*keys_ask_fn)(const char *prompt, char *buf, size_t bufsz);
void keys_set_asker(keys_ask_fn fn);
/* The passphrase for a new key: YEKUO_PASSPHRASE, else asked twice. */
int keys_new_passphrase(char *buf, size_t bufsz, yk_error *err);

/* Make the keys and the signed identity for id (db, office, training,
 * created set; the public keys are filled in) and write the key file,
 * which must not exist. passphrase NULL or "": not locked. */
int keys_create(const char *path, const struct seal_identity *id, const char *passphrase,
		struct office_keys *out, yk_error *err);
/* keys_create's keys and the key file's text (*text, to zero and free),
 * written nowhere: a server keeps it in a table. */
int keys_make(const struct seal_identity *id, const char *passphrase, struct office_keys *out,
	      char **text, yk_error *err);
/* keys_load from a key file's text (n bytes); path names it in messages. */
int keys_parse(const char *text, size_t n, const char *path, int secret, struct office_keys *out,
	       yk_error *err);
/* Read the key file: 1 when there is none, 0 loaded, -1 error (damaged,
 * identity signature wrong, wrong passphrase). secret: unlock the secret
 * keys too (asking for the passphrase when locked). */
int keys_load(const char *path, int secret, struct office_keys *out, yk_error *err);
/* Forget the secret keys (zeroed) and free. */
void keys_free(struct office_keys *k);

int keys_sign(const struct office_keys *k, const void *msg, size_t len, char sig[KEYS_SIG_HEX]);
/* Is sig (hex) a signature of msg by pk (hex)? 1 yes, 0 no. */
int keys_verify(const char *pk_hex, const void *msg, size_t len, const char *sig);
/* Check an identity text and its signature (by the key it names): 0 and
 * id filled, or -1 with err. */
int keys_identity_check(const char *text, const char *sig, struct seal_identity *id,
			yk_error *err);

#endif
