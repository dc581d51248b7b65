#ifndef YEKUO_SHA256_H
#define YEKUO_SHA256_H

/* SHA-256 (FIPS 180-4) for the event log's hash chain, the bundle digests
 * and the seals: libsodium's crypto_hash_sha256 behind the names the rest
 * of the program has always used. The digests are the same bytes as
 * before (tests/unit/test-sha256.c checks the FIPS vectors; tests/cli/
 * olddb.sh checks a database written before the switch still verifies). */

#include <stddef.h>

#include <sodium.h>

struct sha256 {
	crypto_hash_sha256_state st;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Lower-case hex digest of data[0..len) into hex[65]. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
