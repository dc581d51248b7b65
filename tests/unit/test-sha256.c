/* SHA-256 through libsodium gives the FIPS 180-2 digests (appendix B), in
 * one call and fed piece by piece across block boundaries: the event
 * chains written before the switch keep their hashes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/sha256.h"

static void
hex_of_pieces(const char *msg, size_t len, size_t piece, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256 c;
	unsigned char d[32];

	sha256_init(&c);
	for (size_t i = 0; i < len; i += piece)
		sha256_update(&c, msg + i, len - i < piece ? len - i : piece);
	sha256_final(&c, d);
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

int
main(void)
{
	static const struct {
		const char *msg, *want;
	} fips[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	char hex[65];
	char *million = malloc(1000000);

	for (size_t i = 0; i < sizeof fips / sizeof fips[0]; i++) {
		sha256_hex(fips[i].msg, strlen(fips[i].msg), hex);
		is_str(hex, fips[i].want, "FIPS 180-2 vector %zu in one call", i + 1);
		hex_of_pieces(fips[i].msg, strlen(fips[i].msg), 7, hex);
		is_str(hex, fips[i].want, "FIPS 180-2 vector %zu fed 7 bytes at a time", i + 1);
	}
	memset(million, 'a', 1000000);
	sha256_hex(million, 1000000, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "a million 'a' (FIPS 180-2 B.3)");
	hex_of_pieces(million, 1000000, 63, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "a million 'a' fed across block boundaries");
	free(million);
	return tap_done();
}
