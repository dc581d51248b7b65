#ifndef YEKUO_VALIDATE_H
#define YEKUO_VALIDATE_H

/* Field validation for case data: identity numbers, contact phone, supply
 * capacity and voltage, free text. Pure functions: no I/O, no locale, no
 * allocation. Every checker returns 0 when the value is acceptable, or -1
 * and fills err (may be NULL) with one short Chinese sentence a customer
 * manager can act on; the caller prefixes the field name, e.g.
 * "身份证号码：校验码应为 X，输入的是 7，请逐位核对".
 *
 * Checkers take the value exactly as typed: they do not trim blanks and do
 * not rewrite anything. Where a value has a normal form (upper-case letters,
 * phone without country prefix), store what the matching validate_normalise_*
 * function produces. */

#include <stddef.h>

#include "yekuo/core/date.h"
#include "yekuo/core/error.h"

/* Upper bound for a capacity (kVA): see validate_capacity(). */
#define VALIDATE_CAPACITY_MAX 10000000.0
/* Longest electricity meter asset number accepted. */
#define VALIDATE_METER_MAX 32
/* The longest "other" ID: 40 characters, so at most 160 bytes of UTF-8 —
 * what a case keeps, never cut short (validate_other_id refuses more). */
#define VALIDATE_OTHER_ID_CHARS 40
#define VALIDATE_ID_BYTES (VALIDATE_OTHER_ID_CHARS * 4)
/* Room for the masked form of any ID that passed validation: at most 8 kept
 * characters of up to 4 bytes, 40 stars, NUL ("other" IDs are 40 chars). */
#define VALIDATE_MASK_BUFSZ 80

enum id_type { ID_RESIDENT, ID_USCC, ID_PASSPORT, ID_OTHER };

/* ---- identity documents ---------------------------------------------- */

/* 18-digit 公民身份号码 (GB 11643-1999), also used on 港澳台居民居住证.
 * The birth date must exist, lie in 1900-01-01 .. today, the day the
 * number is presented (the application date; no upper check when today is
 * YK_DATE_NONE); a lower-case x is accepted. */
int validate_resident_id(const char *s, yk_date today, yk_error *err);
/* 统一社会信用代码 (GB 32100-2015); lower case accepted. */
int validate_uscc(const char *s, yk_error *err);
/* Passport number: 5-20 ASCII letters or digits (lower case accepted). */
int validate_passport(const char *s, yk_error *err);
/* Any other certificate: 2-40 characters, one line, no control chars. */
int validate_other_id(const char *s, yk_error *err);
/* Dispatch on the type; today as for validate_resident_id(). */
int validate_id(enum id_type t, const char *s, yk_date today, yk_error *err);

/* "resident-id", "uscc", "passport", "other" (stable codes for storage);
 * NULL for a value outside the enum. */
const char *id_type_code(enum id_type t);
/* The enum value for a code, or -1 when unknown. */
int id_type_from_code(const char *code);

/* Upper-case ASCII letters in place (x -> X, lower-case USCC/passport).
 * Meant for resident-id, uscc and passport; do not apply to "other". */
void validate_normalise_id(char *s);

/* ---- contact ---------------------------------------------------------- */

enum phone_kind {
	PHONE_NONE,		/* not a valid contact number */
	PHONE_MOBILE,		/* mainland mobile (takes SMS) */
	PHONE_LANDLINE,		/* mainland landline with its area code */
	PHONE_HK, PHONE_MO, PHONE_TW /* a mobile of Hong Kong, Macau, Taiwan */
};

/* A customer's contact number: a mainland mobile of a block an operator
 * was given (numplan.h; "+86", "(+86)", "0086" or "86" in front allowed),
 * a mainland landline with a real area code ("0571-87654321", "+86 10
 * 12345678"), or a Hong Kong (+852), Macau (+853) or Taiwan (+886)
 * mobile. Messages name the slip: a 0 before a mobile, an IoT block, a
 * block no operator has, a landline without its area code … */
int validate_phone(const char *s, yk_error *err);
/* Only a mainland mobile number. */
int validate_mobile(const char *s, yk_error *err);
/* The kind of a valid contact number; PHONE_NONE when it is not one. */
enum phone_kind validate_phone_kind(const char *s);
/* The form a valid contact number is stored in: a mobile's 11 digits,
 * "0571-87654321", "+85291234567"; anything else is copied unchanged. */
void validate_normalise_phone(const char *s, char *out, size_t outsz);

/* ---- technical fields ------------------------------------------------- */

/* Capacity: plain decimal, at most 2 decimals, 0 < value <= 10,000,000. */
int validate_capacity(const char *s, double *out, yk_error *err);
/* Supply voltage in kV: 0.22, 0.38, 6, 10, 20, 35, 66, 110 or 220. */
int validate_kv(const char *s, double *out, yk_error *err);
/* Electricity meter asset number: 1-32 of [0-9A-Za-z-], not starting or
 * ending with '-'. */
int validate_meter_no(const char *s, yk_error *err);

/* ---- text and dates --------------------------------------------------- */

/* Required one-line text (name, address): valid UTF-8, no control or
 * invisible formatting characters, not blank-only, at most max_bytes. */
int validate_name(const char *s, size_t max_bytes, yk_error *err);
/* The same rules, but empty (or NULL) is fine. */
int validate_optional_text(const char *s, size_t max_bytes, yk_error *err);
/* Strict "YYYY-MM-DD" of a day that exists (years 1900..2999). */
int validate_date_field(const char *s, yk_date *out, yk_error *err);

/* ---- masking for display (个人信息保护法 第五十一条: 安全技术措施) ------ */

/* Keep at most the first 4 and last 4 characters, never more than half of
 * the value, one '*' per hidden character: "1101**********1234".
 * Always NUL-terminates when outsz > 0; cuts only on character boundaries. */
void validate_mask_id(const char *id, char *out, size_t outsz);
/* A valid contact number keeps its network prefix, area or country code
 * and its last four digits: "138****5678", "0571-****4321",
 * "+852****4567"; anything else is masked like an ID. */
void validate_mask_phone(const char *p, char *out, size_t outsz);

#endif
