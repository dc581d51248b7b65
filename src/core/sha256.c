#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yekuo/core/sha256.h"

/* libsodium wants sodium_init() before its first use; it is idempotent and
 * fails only when the system cannot provide randomness. */
static void
ready(void)
{
	static int done;

	if (!done) {
		if (sodium_init() < 0) {
			fputs("yekuo: libsodium could not start (no source of randomness)\n", stderr);
			abort();
		}
		done = 1;
	}
}

void
sha256_init(struct sha256 *c)
{
	ready();
	crypto_hash_sha256_init(&c->st);
}

void
sha256_update(struct sha256 *c, const void *data, size_t len)
{
	crypto_hash_sha256_update(&c->st, data, len);
}

void
sha256_final(struct sha256 *c, unsigned char out[32])
{
	crypto_hash_sha256_final(&c->st, out);
}

void
sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	ready();
	crypto_hash_sha256(d, data, len);
	sodium_bin2hex(hex, 65, d, sizeof d);
}
