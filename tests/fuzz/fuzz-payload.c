/* libFuzzer harness: the event payload parser. Event data and each case's
 * cached state are stored as "key=value" lines; a tampered database hands
 * payload_parse any bytes. Besides not crashing, a payload that parses must
 * survive a round trip: parse(serialize(p)) == p. The cached-state reader
 * (case_decode) gets the same bytes. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct payload p = {0}, q = {0};
	struct case_state c;
	yk_error err;

	memcpy(text, data, size);
	text[size] = '\0';
	if (payload_parse(text, &p, &err) == 0) {
		char *s = payload_serialize(&p);

		if (payload_parse(s, &q, &err) != 0 || q.n != p.n)
			__builtin_trap();
		for (size_t i = 0; i < p.n; i++)
			if (strcmp(p.items[i].key, q.items[i].key) != 0 ||
			    strcmp(p.items[i].val, q.items[i].val) != 0)
				__builtin_trap();
		free(s);
	}
	if (case_decode(text, &c, &err) == 0) {
		struct payload r = {0};

		case_to_payload(&c, &r);
		payload_free(&r);
		case_state_free(&c);
	}
	payload_free(&p);
	payload_free(&q);
	free(text);
	return 0;
}
