#ifndef YEKUO_NUMPLAN_H
#define YEKUO_NUMPLAN_H

/* The telephone numbering plans a contact number is checked against, as
 * data with their sources (numplan.c): the mainland's mobile network codes
 * and HLR blocks (MIIT), its long-distance area codes, and the mobile
 * ranges of Hong Kong, Macau and Taiwan. Pure: no I/O. */

#include <stddef.h>

/* What a mainland mobile block is used for. */
enum mobile_use {
	MOBILE_PUBLIC,		/* an operator's public mobile service */
	MOBILE_RESALE,		/* 移动转售 (virtual operators): phones all the same */
	MOBILE_SATELLITE,	/* 卫星移动通信 */
	MOBILE_IOT		/* data and IoT cards only: no person answers, no SMS */
};

struct mobile_block {
	const char *prefix;	/* 3 to 5 leading digits of the 11 */
	const char *operator_zh; /* 中国移动, 中国电信 … */
	enum mobile_use use;
};

/* The block an 11-digit mainland mobile number (starting with 1) falls in,
 * by its longest matching prefix; NULL when no operator has been given it. */
const struct mobile_block *numplan_mobile_block(const char *digits11);

/* Is the first part of `digits` (the number after its leading 0) a
 * mainland long-distance area code? Returns its length (2 or 3), or 0. */
size_t numplan_area_code(const char *digits);

#endif
