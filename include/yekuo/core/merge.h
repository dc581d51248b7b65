#ifndef YEKUO_CORE_MERGE_H
#define YEKUO_CORE_MERGE_H

/* The pure half of offline sync: an event with its sync record, and the
 * merge that turns the events of one case from several databases into one
 * canonical chain (docs/sync.md, "the merged chain"). No SQL, no files:
 * store/sync.c reads and writes, this decides. */

#include <stddef.h>
#include <time.h>

#include "yekuo/core/case.h"
#include "yekuo/core/clock.h"
#include "yekuo/core/error.h"
#include "yekuo/core/rules.h"

/* A database's identity: 32 hex digits, random, made when the schema is
 * created or first migrated to version 2 (meta 'db-id'). */
#define SYNC_ID_BUFSZ 33

/* What sync knows of one event besides its columns: which database
 * recorded it, what that database knew of the case then (a version vector
 * "dbid=count,…", sorted by id; depth = the sum of its counts), and the
 * event's chain link as that database recorded it (orig_*), kept verbatim
 * whatever position the event later takes in the case's merged chain. */
struct sync_meta {
	char uuid[UUID_BUFSZ];
	char case_no[CASE_NO_BUFSZ];
	char source[SYNC_ID_BUFSZ];
	char office[16];
	char *vc;
	long depth;
	long orig_seq;
	char orig_prev[HASH_BUFSZ], orig_hash[HASH_BUFSZ];
	long learned;		/* sync_events.id: the order this database learned it */
};

/* An event with its sync record (m.vc NULL: a local event not yet recorded
 * for sync; synthetic: a row the merge itself wrote, origin "sync"). */
struct sync_item {
	struct yk_event ev;
	struct sync_meta m;
	int synthetic;
};


/* ---- what the store keeps of sync, as the faces and views read it ---- */

/* An export recorded for a peer (yekuo sync export --peer). */
struct sync_peer {
	char name[64];
	long mark;		/* sync_events.id up to which cases were exported */
	char exported[CLOCK_STAMP_BUFSZ];
	char file[512];
};

/* One import done (sync_imports), newest first when listed. */
struct sync_import_log {
	char checksum[HASH_BUFSZ];
	char source[SYNC_ID_BUFSZ];
	char office[16];
	char imported[CLOCK_STAMP_BUFSZ];
	long events;		/* new events merged */
	long cases;		/* cases that changed */
	long conflicts;		/* of those, cases left in conflict */
};

void sync_meta_free(struct sync_meta *m);
void sync_items_free(struct sync_item *items, size_t n);

#define SYNC_ORIGIN "sync"		/* origin of the rows the merge itself writes */
#define SYNC_OPERATOR "yekuo-sync"

/* ---- small helpers shared with store/sync.c ---- */
void sync_event_copy(struct yk_event *dst, const struct yk_event *src);
void sync_meta_copy(struct sync_meta *dst, const struct sync_meta *src);
int sync_is_synthetic(const struct yk_event *ev);
int sync_is_db_id(const char *s);
const char *sync_dget(const struct yk_event *ev, const char *key);
/* "done plan", "withdraw": how the user named it. */
void sync_what(const struct yk_event *ev, char *out, size_t outsz);
struct sha256;
void sync_hex_digest(struct sha256 *c, char out[HASH_BUFSZ]);
/* Do two events claim the same slot of a case (one stage's start, …)? */
int sync_same_slot(const struct yk_event *a, const struct yk_event *b);

/* ---- version vectors: "dbid=count,…", ids sorted ---- */
struct vc_entry {
	char id[SYNC_ID_BUFSZ];
	long count;
};

struct vc {
	struct vc_entry *e;
	size_t n, cap;
};

void vc_free(struct vc *v);
int vc_parse(const char *text, struct vc *v);
long vc_get(const struct vc *v, const char *id);
void vc_inc(struct vc *v, const char *id);
long vc_sum(const struct vc *v);
char *vc_format(const struct vc *v);

/* The canonical chain of one case from its real events with their sync
 * records (any order, every m.vc set): sorted, conflicts marked and held
 * aside, seq/prev_hash/hash filled in (free with events_free). */
int sync_linearise(const struct sync_item *items, size_t n, const struct yk_rules *rules,
		   struct yk_event **chain, size_t *nchain, yk_error *err);
/* The same, with the state the merged chain gives (state may be NULL). */
int sync_linearise_state(const struct sync_item *items, size_t n, const struct yk_rules *rules,
			 struct yk_event **chain, size_t *nchain, struct case_state *state,
			 yk_error *err);

/* ---- conflicts and their resolution ---- */

/* One unresolved conflict of a case, as marked in its chain. */
struct sync_conflict {
	char case_no[CASE_NO_BUFSZ];
	char marker[UUID_BUFSZ];	/* the row the merge wrote to mark it */
	char event[UUID_BUFSZ];		/* held aside (held) or disputed (a correction) */
	char against[UUID_BUFSZ];	/* what it clashes with ("" if nothing in particular) */
	int held;			/* 1: event is held aside (void until resolved) */
	char event_office[16], against_office[16];
	char event_what[64], against_what[64];	/* "done plan", "withdraw" */
	char event_date[YK_DATE_BUFSZ], against_date[YK_DATE_BUFSZ];
	char reason[512];
};

/* A case's chain as stored: its rows in seq order, each with its sync
 * record (NULL: a row the merge wrote, or a recent local event not yet
 * recorded, which is then the database `own`'s). */
struct sync_chain {
	const char *case_no;
	const char *own;
	const struct yk_event *evs;
	size_t n;
	const struct sync_meta *const *meta;
};

/* The chain's unresolved conflicts, appended to *out (*n of *cap). */
void sync_chain_conflicts(const struct sync_chain *c, struct sync_conflict **out, size_t *n,
			  size_t *cap);

/* The event that settles every unresolved conflict of the chain involving
 * database `keep` in its favour: one correction that voids the rows
 * holding keep's events aside and the other side's events they clash
 * with (and any further event of another database that no longer
 * replays), naming the conflicts it resolves. ev comes with uuid, case_no,
 * recorded, effective and operator set; its kind and data are filled in.
 * *involved gets how many conflicts it settles (0: none involves keep,
 * and err says so). The chain with ev appended replays. */
int sync_resolution(const struct sync_chain *c, const struct yk_rules *rules, const char *keep,
		    const char *keep_office, const char *reason, struct yk_event *ev,
		    size_t *involved, yk_error *err);

/* ---- clocks ---- */

/* How far apart two machines' clocks may be before sync says so (seconds).
 * A choice, not a rule: field laptops drift by minutes, and a day's error
 * (the one that moves dates) is far beyond it. */
#define SYNC_CLOCK_TOLERANCE (15 * 60)

/* A "recorded" stamp (2026-03-02T10:00:00+08:00) as a time. */
int sync_stamp_time(const char *stamp, time_t *t);
/* How many seconds event all[e] was stamped before the latest event of
 * another database its recorder already knew (0: none): a clock that far
 * behind, at least. Stamps after now (a fast clock's) prove nothing here. */
long sync_event_lag(const struct sync_item *all, size_t n, size_t e, time_t now);

/* ---- a case number minted twice (a database restored from a backup) ---- */

/* The uuid an event takes when its case is renumbered: a hash of its old
 * uuid, so every database knows the copy of an event it holds. */
void sync_renumbered_uuid(const char *old, char out[UUID_BUFSZ]);
/* ev as an event of case new_no: uuid, and every uuid it names (corrects,
 * voids, resolves), renumbered; the opening event says renumbered-from
 * (every number the case had, the latest first).
 * seq and hashes are left for the caller to chain. */
void sync_renumber_event(const struct yk_event *ev, const char *old_no, const char *new_no,
			 struct yk_event *out);

#endif
