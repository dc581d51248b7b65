#ifndef YEKUO_ENVELOPE_H
#define YEKUO_ENVELOPE_H

/* Signed, sealed bundles (docs/sync.md, "the envelope"). The SQLite bundle
 * that sync_export writes travels inside an envelope: signed by the
 * exporting office's key, carrying its identity and its chain of seals,
 * and — when the recipient's key is enrolled here — encrypted to it
 * (crypto_box_seal), so a lost stick leaks nothing. Import checks the
 * envelope (a trusted office, its own key, the signature, its seals
 * against the ones already received from it), decrypts into an unnamed
 * file and hands that to sync_import. Bundles without an envelope are
 * refused. */

#include "yekuo/core/seal.h"
#include "yekuo/store/keys.h"
#include "yekuo/store/sync.h"

struct envelope_info {
	char office[16];		/* the signer (export: this office) */
	char fingerprint[SEAL_FP_BUFSZ];
	char recipient[16];		/* encrypted to this office ("" not encrypted) */
	char recipient_fp[SEAL_FP_BUFSZ];
	long seals;			/* seals carried */
	long seal_seq;			/* the latest of them … */
	char seal_digest[HASH_BUFSZ];	/* … and its digest */
	int key_created;		/* export: this database got its office key now */
};

/* Export as sync_export does, then wrap the bundle: sealed first (a new
 * seal only when something changed), signed, and encrypted to for_office
 * (which must be trusted; NULL: not encrypted, info->recipient ""). */
int envelope_export(struct yk_store *st, const char *path, const struct sync_export_opts *o,
		    const char *for_office, struct envelope_info *info, struct sync_summary *out,
		    yk_error *err);
/* Check and open the envelope, then sync_import what it holds. */
int envelope_import(struct yk_store *st, const struct yk_rules *rules, const char *path,
		    int dry_run, struct envelope_info *info, struct sync_summary *out, yk_error *err);
/* The same, each case to on_case as it is done (sync_import_each). */
int envelope_import_each(struct yk_store *st, const struct yk_rules *rules, const char *path,
			 int dry_run, void (*on_case)(void *ctx, const struct sync_case_change *c),
			 void *ctx, struct envelope_info *info, struct sync_summary *out,
			 yk_error *err);

/* The signed identity an envelope or a public key file carries (free
 * *text). */
int envelope_identity(const char *path, char **text, char sig[KEYS_SIG_HEX],
		      struct seal_identity *id, yk_error *err);
/* This office's public key file: its identity and signature. */
int envelope_write_public(struct yk_store *st, const char *path, const struct out_guard *g,
			  yk_error *err);

/* Trust an office's key (its signed identity). A different key for an
 * office already trusted is refused (naming both fingerprints) unless
 * replace; replace also forgets the seals received from it (its database
 * was restored from a backup: its chain of seals starts again). 0
 * enrolled, 1 it was already. */
int envelope_trust(struct yk_store *st, const char *text, const char *sig, int replace,
		   yk_error *err);

/* Tests and inspection: the bundle inside an envelope, checked (signature,
 * decrypted when it is for this office), written to inner; and an inner
 * bundle wrapped and signed by this office (no encryption). */
int envelope_unwrap(struct yk_store *st, const char *path, const char *inner, yk_error *err);
int envelope_wrap(struct yk_store *st, const char *inner, const char *path, yk_error *err);

#endif
