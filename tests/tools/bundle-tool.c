/* For the tests of the bundle's inside (tests/cli/sync.sh): take the
 * SQLite bundle out of its envelope, and wrap an edited one again, signed
 * with a database's office key — what someone holding that key could do.
 *
 *   bundle-tool unwrap DB ENVELOPE INNER
 *   bundle-tool wrap DB INNER ENVELOPE */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/store/envelope.h"
#include "yekuo/store/store.h"

int
main(int argc, char **argv)
{
	struct yk_store *st;
	yk_error err;
	int rc;

	if (argc != 5 || (strcmp(argv[1], "unwrap") != 0 && strcmp(argv[1], "wrap") != 0)) {
		fputs("usage: bundle-tool unwrap DB ENVELOPE INNER | wrap DB INNER ENVELOPE\n", stderr);
		return 2;
	}
	if (store_open(argv[2], STORE_EXISTING, NULL, &st, &err) < 0) {
		fprintf(stderr, "bundle-tool: %s\n", err.msg);
		return 1;
	}
	rc = strcmp(argv[1], "unwrap") == 0 ? envelope_unwrap(st, argv[3], argv[4], &err)
					     : envelope_wrap(st, argv[3], argv[4], &err);
	if (rc < 0)
		fprintf(stderr, "bundle-tool: %s\n", err.msg);
	store_close(st);
	return rc < 0 ? 1 : 0;
}
