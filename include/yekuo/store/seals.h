#ifndef YEKUO_SEALS_H
#define YEKUO_SEALS_H

/* Seals in the database (docs/security.md): table `seals` (each signed
 * statement, chained by the previous one's digest) and `seal_events`
 * (each event's content digest and the seal that first covered it), both
 * append-only. `yekuo verify` checks every seal and every event a seal
 * covered; a deletion or rewrite after a seal is named with its case and
 * seal. The office keys: keys.h. */

#include "yekuo/core/seal.h"
#include "yekuo/store/keys.h"
#include "yekuo/store/store.h"

struct seal_record {
	struct seal s;
	char digest[HASH_BUFSZ];
	char *statement;
	char signature[KEYS_SIG_HEX];
	int reused;		/* seals_make: nothing had changed, the latest seal stands */
};
void seal_record_free(struct seal_record *r);

/* At init: make the office keys (locked with passphrase unless NULL or
 * ""), put the signed identity in the database and make seal #1. */
int seals_init(struct yk_store *st, const char *passphrase, struct office_keys *k, yk_error *err);
/* The office keys of the database (secret: unlocked, for signing or
 * decrypting). A database made before keys gets them now: *created = 1
 * (say so). A key file missing for a database that has an identity or
 * seals is an error (restore it: a new key would not match). */
int seals_keys(struct yk_store *st, int secret, struct office_keys *k, int *created, yk_error *err);
/* The office key, read only (never made): 1 none, 0 loaded, -1 error.
 * A file's is DB.key beside it, a server's the table office_key. */
int seals_key_load(struct yk_store *st, int secret, struct office_keys *k, yk_error *err);
/* The training flag as fixed in the signed identity (the meta table's
 * flag for a database made before identities). Also makes it the store's. */
int seals_training(struct yk_store *st, int *training, yk_error *err);

/* Seal what the database holds now, signed with k, in its own
 * transaction. force = 0: when no event was added or removed since the
 * latest seal, that seal stands (out->reused). */
int seals_make(struct yk_store *st, const struct office_keys *k, const char *why, int force,
	       struct seal_record *out, yk_error *err);
/* seals_make with the office keys (unlocked here; made for a database
 * from before keys: *created = 1), force 0: for reports, receipts and
 * bundles. */
int seals_now(struct yk_store *st, const char *why, struct seal_record *out, int *created,
	      yk_error *err);
/* Seal now (seals_now) and write the seal into a report's header: its
 * number and time, digest, signature and the key's fingerprint (once: a
 * report already carrying a seal keeps it). */
struct report;
int seals_annotate(struct yk_store *st, const char *why, struct report *r, int *created,
		   yk_error *err);
/* 0 found, 1 none. */
int seals_latest(struct yk_store *st, struct seal_record *out, yk_error *err);
/* The seal named by a digest or its short form: 0 found, 1 none, 2 more
 * than one match (give more digits). */
int seals_find(struct yk_store *st, const char *digest, struct seal_record *out, yk_error *err);
/* A seal file: the statement, then "signature=HEX\n". */
char *seals_file_text(const struct seal_record *r);
int seals_parse_file(const char *text, struct seal_record *out, yk_error *err);

/* Every check (a cli_check_fn): identity and training flag, the seal
 * chain and signatures, every sealed event still there and unchanged. */
long seals_verify(struct yk_store *st, const struct yk_rules *rules,
		  void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);
/* Does the database still hold exactly the history seal r covered? r may
 * come from outside (a file, a digest on paper): it must be this
 * database's seal of that number, signed by its key. */
long seals_verify_one(struct yk_store *st, const struct seal_record *r,
		      void (*fn)(void *ctx, const char *problem), void *ctx, yk_error *err);

#endif
