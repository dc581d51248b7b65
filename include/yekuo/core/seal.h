#ifndef YEKUO_SEAL_H
#define YEKUO_SEAL_H

/* Seals: signed statements of what a database held at one moment, so that
 * a rewrite or deletion after it is caught — by `yekuo verify` here, and by
 * anyone holding the seal's digest elsewhere (a monthly filing, a receipt,
 * the hall that imported a bundle). This module is the pure part: the
 * statement's text, the digests a seal is made of, Merkle roots and the
 * key fingerprint read out over the phone. Signing: store/keys.h; the
 * tables: store/seals.h. docs/security.md. */

#include <stddef.h>

#include "yekuo/core/case.h"
#include "yekuo/core/error.h"
#include "yekuo/core/merge.h"

#define SEAL_FP_BUFSZ 40   /* "1234 5678 … 9012": 8 groups of 4 digits */
#define SEAL_SHORT_BUFSZ 20 /* "3f85 143b 05da cade": a digest's first 16 hex digits */
#define SEAL_KEY_HEX 65     /* a 32-byte public key in hex */

/* The fingerprint of a public key: 8 groups of 4 decimal digits (106
 * bits of SHA-256 of the key), to read aloud and compare. */
void seal_fingerprint(const unsigned char pk[32], char out[SEAL_FP_BUFSZ]);
/* The same from the key in hex; "" when it is not 64 hex digits. */
void seal_fingerprint_hex(const char *pk_hex, char out[SEAL_FP_BUFSZ]);
/* A digest's short form, "3f85 143b 05da cade". */
void seal_short(const char *digest, char out[SEAL_SHORT_BUFSZ]);
/* Does `s` (a short form with or without spaces, or a whole digest) name
 * `digest`? At least 8 hex digits. */
int seal_matches(const char *s, const char *digest);

/* An event's content digest: every field but its place in the chain (seq,
 * prev_hash, hash), so a sync merge that moves it keeps it. */
void seal_event_digest(const struct yk_event *ev, char out[HASH_BUFSZ]);
/* A case's leaf: its number, how many events a seal covered and the
 * digest of their "uuid digest" lines in uuid order (members). */
void seal_case_leaf(const char *case_no, long nevents, const char *members,
		    char out[HASH_BUFSZ]);
/* Merkle root over leaves in order (RFC 6962 style: 0x00 before a leaf,
 * 0x01 before a node, the last odd node carried up); the root of none is
 * the digest of the empty string. */
void seal_merkle_root(const char (*leaves)[HASH_BUFSZ], size_t n, char out[HASH_BUFSZ]);

struct seal {
	long seq;			/* 1, 2, … in this database */
	char office[16];
	char db[SYNC_ID_BUFSZ];		/* the database id */
	char key[SEAL_KEY_HEX];		/* the signing key (Ed25519, hex) */
	char identity[HASH_BUFSZ];	/* digest of the signed identity made at init */
	char time[CLOCK_STAMP_BUFSZ];
	char why[128];			/* "init", "seal", "bundle", "report filing 2026-03" … */
	char prev[HASH_BUFSZ];		/* the previous seal's digest ("" for the first) */
	long cases, events;		/* covered: every case and event held */
	char root[HASH_BUFSZ];		/* Merkle root over the cases' leaves */
	long added;			/* events first covered by this seal … */
	char added_digest[HASH_BUFSZ];	/* … and the digest of their lines */
};

/* The statement as signed: "yekuo-seal-v1\n" then key=value lines. */
char *seal_format(const struct seal *s);
int seal_parse(const char *text, struct seal *s, yk_error *err);
/* SHA-256 of the statement text: the seal's digest, its name. */
void seal_digest(const char *statement, char out[HASH_BUFSZ]);

/* The signed identity made at init: which database, which office, whether
 * it is a training one, and its two public keys. */
struct seal_identity {
	char db[SYNC_ID_BUFSZ];
	char office[16];
	int training;
	char created[CLOCK_STAMP_BUFSZ];
	char sign[SEAL_KEY_HEX];	/* Ed25519 public key, hex */
	char box[SEAL_KEY_HEX];		/* X25519 public key, hex */
};
char *seal_identity_format(const struct seal_identity *id);
int seal_identity_parse(const char *text, struct seal_identity *id, yk_error *err);

/* Hex <-> bytes; 0 when s is exactly 2*n hex digits. */
int seal_unhex(const char *s, unsigned char *out, size_t n);
void seal_hex(const unsigned char *in, size_t n, char *out);

#endif
