/* libFuzzer harness: the rule profile parser (docs/rules-format.md).
 * Profiles are data a user may add to their own rules/ folder: any bytes
 * must load or give a "name:line: what" error. A profile that loads goes
 * through the cross-file checks (rules_finish) and the lookups every case
 * makes (rules_find, rules_variant). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "yekuo/core/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yk_rules *rules = rules_new();
	yk_error err;

	if (rules_load_text(rules, (const char *)data, size, "fuzz.rules", &err) == 0 &&
	    rules_finish(rules, &err) == 0) {
		static const double caps[] = {0.5, 8, 100, 160, 161, 1250, 1251, 50000};
		static const double kvs[] = {0.22, 0.38, 10, 35, 110};

		for (size_t i = 0; i < rules_count(rules); i++) {
			const struct rule_profile *p = rules_at(rules, i);
			yk_date d = p->from;

			(void)rules_by_id(rules, p->id);
			(void)rules_region_known(rules, p->region);
			if (!rules_find(rules, p->region, d, &err))
				continue;
			for (int c = 0; c < CAT_COUNT; c++)
				for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++)
					(void)rules_variant(p, (enum yk_category)c, caps[k],
							    kvs[k % (sizeof kvs / sizeof kvs[0])], d, &err);
		}
	}
	rules_free(rules);
	return 0;
}
