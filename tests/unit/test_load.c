/*
 * test_load.c - loading geopol files (DESIGN §1, §2, §5): fields, merging
 * several inputs, unknown actors, relative dates, part_of, located
 * diagnostics, types, JSON Lines, encodings, and resolving actor names.
 *
 * Each test is a row of a table of cases (load_case): the inputs, the status
 * and the numbers of errors and warnings wanted, the diagnostics wanted, and
 * where the dataset is to be looked at, a check function. A new case is a
 * new row. The inputs are small inline texts, one JSON line per C line, so
 * that the expected LINE:COLUMN of each diagnostic can be counted by hand
 * (columns in characters, 1-based, of the unescaped JSON text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h" /* white-box: the fields behind gp_actor_*() and gp_event_*() */
#include "harness.h"

#define DAY 86400

/* ------------------------------------------------------------------ cases */

/* An input: its name (whose ending picks JSON or JSON Lines) and text; len 0: strlen(text). */
typedef struct {
	const char *name, *text;
	size_t len;
} load_input;

/*
 * One load and what must come of it. The inputs are loaded in order into a
 * new dataset, which is then finished; every load and the finish are done
 * even after one fails.
 */
typedef struct {
	const char *what;        /* the case, said when it fails */
	load_input files[3];     /* the inputs (name NULL: no more) */
	int strict;              /* --strict: every warning is an error */
	int status;              /* the first status of the loads and the finish not GP_OK */
	size_t errors, warnings; /* what the sink counted: every diagnostic is one of them */
	const char *diags[16];   /* each held by a diagnostic ("LINE:COL: error: MESSAGE") */
	const char *absent[2];   /* held by none */
	void (*check)(const gp_dataset *ds); /* the dataset as loaded, or NULL */
} load_case;

static void dump_diags(const test_diags *d)
{
	fprintf(stderr, "\n    diagnostics (%zu):", d->n);
	for (size_t i = 0; i < d->n; i++) {
		fprintf(stderr, "\n      %s", d->lines[i]);
	}
}

/* One check of a case; when it fails, says the case, what is wrong, and the diagnostics. */
static void case_check(const load_case *c, const test_diags *d, int ok, const char *wrong)
{
	if (!ok) {
		fprintf(stderr, "\n  test_load.c: case \"%s\": %s", c->what, wrong);
		dump_diags(d);
	}
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, 0, c->what, __FILE__, "", CU_FALSE);
}

/* Load the case's inputs into a new dataset and finish it: the first status not GP_OK. */
static int load_inputs(const load_case *c, test_diags *d, gp_dataset **out)
{
	int rc = gp_dataset_new(out);
	if (rc != GP_OK) {
		return rc;
	}
	for (size_t k = 0; k < sizeof(c->files) / sizeof(c->files[0]) && c->files[k].name; k++) {
		const load_input *in = &c->files[k];
		size_t len = in->len ? in->len : strlen(in->text);
		int r = gp_dataset_load_buffer(*out, in->name, in->text, len, GP_INPUT_AUTO,
					       &d->sink);
		rc = rc != GP_OK ? rc : r;
	}
	int r = gp_dataset_finish(*out, &d->sink);
	return rc != GP_OK ? rc : r;
}

/* Load a case's inputs and check all it wants. */
static void run_case(const load_case *c)
{
	test_diags d;
	gp_dataset *ds = NULL;
	char wrong[700];
	test_diags_init(&d);
	d.sink.strict = c->strict;
	int rc = load_inputs(c, &d, &ds);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
	snprintf(wrong, sizeof(wrong), "status %d, want %d", rc, c->status);
	case_check(c, &d, rc == c->status, wrong);
	snprintf(wrong, sizeof(wrong), "%zu errors and %zu warnings, want %zu and %zu",
		 d.sink.errors, d.sink.warnings, c->errors, c->warnings);
	case_check(c, &d, d.sink.errors == c->errors, wrong);
	case_check(c, &d, d.sink.warnings == c->warnings, wrong);
	for (size_t i = 0; i < sizeof(c->diags) / sizeof(c->diags[0]) && c->diags[i]; i++) {
		snprintf(wrong, sizeof(wrong), "no diagnostic holds \"%s\"", c->diags[i]);
		case_check(c, &d, test_diags_find(&d, c->diags[i]) >= 0, wrong);
	}
	for (size_t i = 0; i < sizeof(c->absent) / sizeof(c->absent[0]) && c->absent[i]; i++) {
		snprintf(wrong, sizeof(wrong), "a diagnostic holds \"%s\"", c->absent[i]);
		case_check(c, &d, test_diags_find(&d, c->absent[i]) < 0, wrong);
	}
	if (c->check) {
		c->check(ds);
	}
	gp_dataset_free(ds);
	test_diags_release(&d);
}

static void run_cases(const load_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		run_case(&cases[i]);
	}
}

#define RUN_CASES(cases) run_cases((cases), sizeof(cases) / sizeof((cases)[0]))

/* ---------------------------------------------------------------- helpers */

/* Seconds of 00:00:00 on a civil day. */
static int64_t day_start(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY;
}

/* Seconds of 23:59:59 on a civil day. */
static int64_t day_end(int64_t y, unsigned m, unsigned d)
{
	return gp_days_from_civil(y, m, d) * DAY + DAY - 1;
}

static const gp_actor *actor_by_id(const gp_dataset *ds, const char *id)
{
	gp_index i = gp_dataset_find_actor(ds, id);
	return i == GP_NONE ? NULL : gp_dataset_actor(ds, i);
}

static const gp_event *event_by_id(const gp_dataset *ds, const char *id)
{
	gp_index i = gp_dataset_find_event(ds, id);
	return i == GP_NONE ? NULL : gp_dataset_event(ds, i);
}

static const char *type_name_of(const gp_dataset *ds, const gp_event *ev)
{
	const gp_type *t = ev->type == GP_NONE ? NULL : gp_dataset_type(ds, ev->type);
	return t ? t->name : NULL;
}

/* The id of the i-th actor of a role of an event. */
static const char *role_actor(const gp_dataset *ds, const gp_event *ev, gp_role role, size_t i)
{
	if (i >= ev->n_actors[role]) {
		return NULL;
	}
	return gp_dataset_actor(ds, gp_dataset_event_actors(ds, ev, role)[i])->id;
}

/* ------------------------------------------------------------ a valid file */

static const char valid_text[] =
	"{\"geopol\": 1, \"title\": \"T\",\n"
	"\"sources\": {\"s1\": {\"title\": \"Art\", \"url\": \"https://x.org/a\"}},\n"
	"\"actors\": [\n"
	"{\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"country\", \"aliases\": [\"Russian Federation\", \"RF\"]},\n"
	"{\"id\": \"fsb\", \"name\": \"FSB\", \"kind\": \"agency\", \"part_of\": \"RUS\", \"role\": \"security service\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\"}],\n"
	"\"events\": [\n"
	"{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"Tariff order\",\n"
	" \"source\": [\"USA\"], \"target\": [\"RUS\"], \"about\": [\"fsb\"], \"sources\": [\"s1\", \"https://e.org/b\"],\n"
	" \"attributes\": {\"rate_pct\": 25, \"note\": \"a b\", \"list\": [1, true]}},\n"
	"{\"id\": \"e2\", \"type\": \"meeting\", \"date\": \"2024/ongoing\", \"title\": \"Talks\",\n"
	" \"participants\": [\"USA\", \"RUS\", \"fsb\"], \"weight\": -3.5},\n"
	"{\"id\": \"e3\", \"type\": \"meeting\", \"date\": \"2025-02\", \"title\": \"Meet\", \"participants\": [\"USA\", \"RUS\"]}]}\n";

/* The fields of valid_text, as read. */
static void check_valid_file(const gp_dataset *ds)
{
	EXPECT_STR(gp_dataset_title(ds), "T");
	EXPECT_I64(gp_dataset_actor_count(ds), 3);
	EXPECT_I64(gp_dataset_event_count(ds), 3);

	const gp_actor *rus = actor_by_id(ds, "RUS");
	const gp_actor *fsb = actor_by_id(ds, "fsb");
	const gp_actor *usa = actor_by_id(ds, "USA");
	CU_ASSERT_PTR_NOT_NULL_FATAL(rus);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fsb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(usa);
	EXPECT_STR(rus->name, "Russia");
	EXPECT_I64(rus->kind, GP_KIND_COUNTRY);
	EXPECT_STR(rus->role, NULL);
	EXPECT_I64(rus->defined, 1);
	EXPECT_I64(rus->n_aliases, 2);
	if (rus->n_aliases == 2) {
		const char *const *al = gp_dataset_actor_aliases(ds, rus);
		EXPECT_STR(al[0], "Russian Federation");
		EXPECT_STR(al[1], "RF");
	}
	EXPECT_I64(rus->n_members, 0);

	EXPECT_STR(fsb->name, "FSB");
	EXPECT_I64(fsb->kind, GP_KIND_AGENCY);
	EXPECT_STR(fsb->role, "security service");
	EXPECT_I64(fsb->n_aliases, 0);
	EXPECT_I64(fsb->n_members, 1);
	if (fsb->n_members == 1) {
		const gp_membership *m = gp_dataset_actor_part_of(ds, fsb);
		EXPECT_I64(m[0].actor, gp_dataset_find_actor(ds, "RUS"));
		CU_ASSERT(m[0].from == GP_TIME_MIN);
		CU_ASSERT(m[0].to == GP_TIME_MAX);
	}
	EXPECT_STR(usa->name, "United States");
	EXPECT_STR(gp_actor_kind_name(usa->kind), "country");

	const gp_event *e1 = event_by_id(ds, "e1");
	const gp_event *e2 = event_by_id(ds, "e2");
	const gp_event *e3 = event_by_id(ds, "e3");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e3);
	/* Events by input order. */
	EXPECT_I64(gp_dataset_find_event(ds, "e1"), 0);
	EXPECT_I64(gp_dataset_find_event(ds, "e2"), 1);
	EXPECT_I64(gp_dataset_find_event(ds, "e3"), 2);

	EXPECT_STR(e1->title, "Tariff order");
	EXPECT_STR(type_name_of(ds, e1), "tariff");
	EXPECT_DBL(e1->weight, -8);
	EXPECT_I64(e1->has_weight, 0);
	EXPECT_I64(e1->n_actors[GP_ROLE_SOURCE], 1);
	EXPECT_I64(e1->n_actors[GP_ROLE_TARGET], 1);
	EXPECT_I64(e1->n_actors[GP_ROLE_PARTICIPANT], 0);
	EXPECT_I64(e1->n_actors[GP_ROLE_ABOUT], 1);
	EXPECT_STR(role_actor(ds, e1, GP_ROLE_SOURCE, 0), "USA");
	EXPECT_STR(role_actor(ds, e1, GP_ROLE_TARGET, 0), "RUS");
	EXPECT_STR(role_actor(ds, e1, GP_ROLE_ABOUT, 0), "fsb");
	EXPECT_I64(e1->n_sources, 2);
	if (e1->n_sources == 2) {
		const char *const *src = gp_dataset_event_sources(ds, e1);
		EXPECT_STR(src[0], "s1");
		EXPECT_STR(src[1], "https://e.org/b");
	}
	EXPECT_STR(e1->attributes, "{\"rate_pct\":25,\"note\":\"a b\",\"list\":[1,true]}");
	EXPECT_STR(e1->edtf, "2025-08-06");
	EXPECT_STR(e1->summary, NULL);
	EXPECT_I64(e1->derived_from, GP_NONE);
	EXPECT_I64(e1->date.start, day_start(2025, 8, 6));
	EXPECT_I64(e1->date.end, day_end(2025, 8, 6));
	EXPECT_I64(e1->date.precision, GP_PREC_DAY);
	/* Where the event object starts. */
	EXPECT_I64(e1->line, 8);
	EXPECT_I64(e1->column, 1);
	EXPECT_I64(e1->file, 0);

	EXPECT_STR(type_name_of(ds, e2), "meeting");
	EXPECT_DBL(e2->weight, -3.5);
	EXPECT_I64(e2->has_weight, 1);
	EXPECT_STR(e2->edtf, "2024/..");
	EXPECT_I64(e2->date.start, day_start(2024, 1, 1));
	CU_ASSERT(e2->date.end == GP_TIME_MAX);
	EXPECT_STR(e2->attributes, NULL);
	EXPECT_I64(e2->n_actors[GP_ROLE_PARTICIPANT], 3);
	EXPECT_STR(role_actor(ds, e2, GP_ROLE_PARTICIPANT, 0), "USA");
	EXPECT_STR(role_actor(ds, e2, GP_ROLE_PARTICIPANT, 1), "RUS");
	EXPECT_STR(role_actor(ds, e2, GP_ROLE_PARTICIPANT, 2), "fsb");
	EXPECT_I64(e2->n_actors[GP_ROLE_SOURCE] + e2->n_actors[GP_ROLE_TARGET] +
			   e2->n_actors[GP_ROLE_ABOUT],
		   0);
	EXPECT_I64(e2->n_sources, 0);
	EXPECT_I64(e2->line, 11);

	/* The type's default weight: meeting is +2.5. */
	EXPECT_DBL(e3->weight, 2.5);
	EXPECT_I64(e3->has_weight, 0);
	EXPECT_STR(e3->edtf, "2025-02");
	EXPECT_I64(e3->date.start, day_start(2025, 2, 1));
	EXPECT_I64(e3->date.end, day_end(2025, 2, 28));
	EXPECT_I64(e3->date.precision, GP_PREC_MONTH);

	/* The citation entry. */
	gp_index found = GP_NONE;
	for (gp_index i = 0; i < gp_dataset_citation_count(ds); i++) {
		if (strcmp(gp_dataset_citation(ds, i)->id, "s1") == 0) {
			found = i;
		}
	}
	CU_ASSERT_FATAL(found != GP_NONE);
	EXPECT_STR(gp_dataset_citation(ds, found)->title, "Art");
	EXPECT_STR(gp_dataset_citation(ds, found)->url, "https://x.org/a");
	EXPECT_STR(gp_dataset_citation(ds, found)->publisher, NULL);
}

/* The public API reads actors and events through accessors: they give the fields. */
static void check_accessors(const gp_dataset *ds)
{
	const gp_actor *fsb = gp_dataset_actor(ds, gp_dataset_find_actor(ds, "fsb"));
	const gp_actor *rus = gp_dataset_actor(ds, gp_dataset_find_actor(ds, "RUS"));
	EXPECT_STR(gp_actor_id(fsb), "fsb");
	EXPECT_STR(gp_actor_name(fsb), "FSB");
	EXPECT_STR(gp_actor_role(fsb), "security service");
	EXPECT_STR(gp_actor_role(rus), NULL);
	EXPECT_I64(gp_actor_kind_of(fsb), GP_KIND_AGENCY);
	EXPECT_I64(gp_actor_defined(fsb), 1);
	EXPECT_I64(gp_actor_alias_count(rus), 2);
	EXPECT_I64(gp_actor_membership_count(fsb), 1);
	const gp_event *e1 = gp_dataset_event(ds, gp_dataset_find_event(ds, "e1"));
	const gp_event *e2 = gp_dataset_event(ds, gp_dataset_find_event(ds, "e2"));
	EXPECT_STR(gp_event_id(e1), "e1");
	EXPECT_STR(gp_event_title(e1), "Tariff order");
	EXPECT_STR(gp_event_summary(e1), NULL);
	EXPECT_STR(gp_event_edtf(e1), "2025-08-06");
	EXPECT_STR(gp_event_attributes(e1), "{\"rate_pct\":25,\"note\":\"a b\",\"list\":[1,true]}");
	EXPECT_I64(gp_event_date(e1)->precision, GP_PREC_DAY);
	EXPECT_STR(gp_dataset_type(ds, gp_event_type(e1))->name, "tariff");
	EXPECT_I64(gp_event_derived_from(e1), GP_NONE);
	EXPECT_I64(gp_event_has_weight(e1), 0);
	EXPECT_I64(gp_event_has_weight(e2), 1);
	EXPECT_DBL(gp_event_weight(e2), -3.5);
	EXPECT_I64(gp_event_actor_count(e1, GP_ROLE_SOURCE), 1);
	EXPECT_I64(gp_event_actor_count(e1, GP_ROLE_ABOUT), 1);
	EXPECT_I64(gp_event_actor_count(e2, GP_ROLE_PARTICIPANT), 3);
	EXPECT_I64(gp_event_actor_count(e2, GP_ROLE_COUNT), 0); /* not a role */
	EXPECT_I64(gp_event_source_count(e1), 2);
	EXPECT_STR(gp_dataset_event_sources(ds, e1)[1], "https://e.org/b");
	EXPECT_I64(gp_event_link_count(e1), 0);
	EXPECT_I64(gp_event_file(e1), 0);
	EXPECT_I64(gp_event_line(e1), 8);
	EXPECT_I64(gp_event_column(e1), 1);
}

/* A summary and an `ongoing` end keep their text. */
static void check_summary_and_ongoing(const gp_dataset *ds)
{
	const gp_event *e1 = event_by_id(ds, "e1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	EXPECT_STR(e1->summary, "Longer text");
	EXPECT_STR(e1->edtf, "2025-05-16/..");
	EXPECT_I64(e1->date.start, day_start(2025, 5, 16));
	CU_ASSERT(e1->date.end == GP_TIME_MAX);
	EXPECT_STR(type_name_of(ds, e1), "statement");
	EXPECT_DBL(e1->weight, 0);
}

static const load_case valid_cases[] = {
	{
		.what = "valid file",
		.files = { { "valid.json", valid_text } },
		.check = check_valid_file,
	},
	{
		.what = "actors and events through accessors",
		.files = { { "valid.json", valid_text } },
		.check = check_accessors,
	},
	{
		.what = "summary and ongoing",
		.files = { { "s.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-05-16/ongoing\",\n"
			     " \"title\": \"x\", \"summary\": \"Longer text\", \"source\": [\"A\"]}]}\n" } },
		.check = check_summary_and_ongoing,
	},
};

static void test_valid(void)
{
	RUN_CASES(valid_cases);
}

/* ---------------------------------------------------------------- merging */

static void check_merge_agreeing_actor(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_actor_count(ds), 2);
	EXPECT_I64(gp_dataset_file_count(ds), 2);
	EXPECT_STR(gp_dataset_file_name(ds, 1), "b.json");
	const gp_actor *A = actor_by_id(ds, "A");
	CU_ASSERT_PTR_NOT_NULL_FATAL(A);
	EXPECT_STR(A->name, "Alpha");
	EXPECT_STR(A->role, "state"); /* only in the second definition */
	EXPECT_I64(A->kind, GP_KIND_COUNTRY);
	/* Aliases: the union, each once. */
	EXPECT_I64(A->n_aliases, 3);
	if (A->n_aliases == 3) {
		const char *const *al = gp_dataset_actor_aliases(ds, A);
		EXPECT_STR(al[0], "Al");
		EXPECT_STR(al[1], "AA");
		EXPECT_STR(al[2], "Alfa");
	}
	EXPECT_I64(A->n_members, 1);
	if (A->n_members == 1) {
		EXPECT_I64(gp_dataset_actor_part_of(ds, A)[0].actor,
			   gp_dataset_find_actor(ds, "B"));
	}
	const gp_event *e1 = event_by_id(ds, "e1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	EXPECT_I64(e1->file, 1);
}

/* The first definition is kept. */
static void check_merge_duplicate_event(const gp_dataset *ds)
{
	const gp_event *e1 = event_by_id(ds, "e1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	EXPECT_STR(e1->title, "x");
	EXPECT_I64(e1->file, 0);
}

static void check_duplicate_event_same_file(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_event_count(ds), 1);
}

/* Two events: the first e1 whole, and e3 (after e1, P21D) derived from it. */
static void check_duplicates_dropped(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_event_count(ds), 2);
	const gp_event *e1 = event_by_id(ds, "e1"), *e3 = event_by_id(ds, "e3");
	CU_ASSERT_FATAL(e1 && e3);
	EXPECT_STR(e1->title, "first");
	EXPECT_STR(type_name_of(ds, e1), "tariff");
	EXPECT_I64(e1->date.start, day_start(2025, 8, 6));
	EXPECT_I64(e1->derived_from, GP_NONE);
	EXPECT_I64(e1->n_links, 0);
	EXPECT_STR(role_actor(ds, e1, GP_ROLE_SOURCE, 0), "A");
	EXPECT_I64(e3->derived_from, gp_dataset_find_event(ds, "e1"));
	EXPECT_I64(e3->date.start, day_start(2025, 8, 27));
	EXPECT_I64(e3->n_links, 0);
}

static void check_duplicate_actor_checked_whole(const gp_dataset *ds)
{
	const gp_actor *a = actor_by_id(ds, "A"), *b = actor_by_id(ds, "B");
	CU_ASSERT_FATAL(a && b);
	EXPECT_STR(a->name, "Alpha");
	EXPECT_I64(a->kind, GP_KIND_COUNTRY);
	EXPECT_STR(a->role, "state");
	EXPECT_I64(a->n_members, 0);
	EXPECT_STR(b->name, "Beta");
	EXPECT_I64(b->kind, GP_KIND_PERSON);
	EXPECT_I64(b->n_members, 1);
}

static void check_merge_conflict_names_where_written(const gp_dataset *ds)
{
	const gp_actor *p = actor_by_id(ds, "p");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	EXPECT_STR(p->role, "envoy");
	EXPECT_I64(p->n_members, 1);
}

static void check_redefinition_checked_whole(const gp_dataset *ds)
{
	const gp_type *t = gp_dataset_type(ds, gp_dataset_find_type(ds, "talk"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	EXPECT_STR(t->label, "Talk");
	EXPECT_DBL(t->weight, 2);
	EXPECT_I64(gp_dataset_citation_count(ds), 1);
	EXPECT_STR(gp_dataset_citation(ds, 0)->title, "A");
}

static const load_case merge_cases[] = {
	{
		.what = "merge: agreeing actor",
		.files = { { "a.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\", \"aliases\": [\"Al\", \"AA\"]}]}\n"
			   },
			   { "b.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\", \"role\": \"state\",\n"
			     " \"aliases\": [\"AA\", \"Alfa\"], \"part_of\": \"B\"},\n"
			     "{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"international\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]}]}\n"
			   } },
		.check = check_merge_agreeing_actor,
	},
	{
		.what = "merge: conflicting actor",
		/* Line 2: "Alfa" at column 21; line 3: "person" at column 38. */
		.files = { { "a.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
			     "{\"id\": \"K\", \"name\": \"Kappa\", \"kind\": \"country\"}]}\n"
			   },
			   { "b.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alfa\", \"kind\": \"country\"},\n"
			     "{\"id\": \"K\", \"name\": \"Kappa\", \"kind\": \"person\"}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 2,
		.diags = { "2:21: error: conflicting name", "3:38: error: conflicting kind" },
	},
	{
		/*
		 * A conflict shows both values and names where the earlier one was written:
		 * a later definition that gave a field first (a field present in only one
		 * definition is taken, DESIGN §1), not the actor's first definition.
		 * a5.json, line 2: "Q" at column 55, "spy" at column 68.
		 */
		.what = "merge: a conflict names where the value was written",
		.files = { { "a1.json",
			     "{\"actors\": [{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"country\"},\n"
			     "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"person\"}]}\n"
			   },
			   { "a2.json",
			     "{\"actors\": [\n\n"
			     "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"person\", \"part_of\": \"X\", \"role\": \"envoy\"}]}\n"
			   },
			   { "a5.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"person\", \"part_of\": \"Q\", \"role\": \"spy\"},\n"
			     "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"country\", \"part_of\": [{\"id\": \"p\", \"from\": \"2004\", \"to\": \"2010-05\"}, \"X\"]},\n"
			     "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"country\", \"part_of\": \"p\"}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 3,
		.warnings = 2,
		.diags = {
			"2:55: error: conflicting part_of for actor 'p': 'Q' here, 'X' at a2.json, line 3",
			"2:68: error: conflicting role for actor 'p': 'spy' here, 'envoy' at a2.json, line 3",
			"4:56: error: conflicting part_of for actor 'q': 'p' here, ['p' (2004-01-01/2010-05-31), 'X'] at line 3",
			"3:55: warning: unknown actor 'X'",
			"2:55: warning: unknown actor 'Q' (did you mean 'q'?)",
		},
		.check = check_merge_conflict_names_where_written,
	},
	{
		/* The second "e1" at line 3, column 22. */
		.what = "merge: duplicate event id",
		.files = { { "a.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]}]}\n"
			   },
			   { "b.json",
			     "{\"events\": [\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"]},\n"
			     "{\"title\": \"z\", \"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"source\": [\"A\"]}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:22: error: duplicate event id 'e1'" },
		.check = check_merge_duplicate_event,
	},
	{
		/* The same id twice in one file is also an error at the later one, naming the first. */
		.what = "duplicate event id in one file",
		.files = { { "dup.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "  {\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"]}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "4:10: error: duplicate event id 'e1' (first defined at line 3)" },
		.check = check_duplicate_event_same_file,
	},
	{
		/*
		 * DESIGN §5: validate reports every problem in one run. A duplicate event is
		 * reported and dropped, and the rest of it is still checked: wrong types, a
		 * bad date, an unknown field, type, actor, link or relative-date event, a bad
		 * offset. What it refers to resolves against the first definition, and its
		 * relative date closes no cycle (line 7 would, e1 -> e3 -> e1, were it kept).
		 */
		.what = "duplicate event still checked whole",
		.files = { { "dup.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"first\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e3\", \"type\": \"deadline\", \"title\": \"later\", \"source\": [\"A\"], \"date\": {\"after\": \"e1\", \"offset\": \"P21D\"}},\n"
			     "{\"id\": \"e1\", \"type\": \"tarif\", \"date\": \"2025-02-30\", \"titel\": \"x\", \"title\": 7, \"weight\": \"high\",\n"
			     " \"source\": [\"Z\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"nope\"}]},\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"title\": \"t\", \"source\": [\"A\"], \"date\": {\"after\": \"e3\", \"offset\": \"P1D\"}},\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"title\": \"t\", \"source\": [\"A\"], \"date\": {\"after\": \"e1\", \"offset\": \"P1X\"}},\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"title\": \"t\", \"source\": [\"A\"], \"date\": {\"before\": \"gone\", \"offset\": \"P1D\"}}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 10,
		.warnings = 3,
		.diags = {
			"5:8: error: duplicate event id 'e1' (first defined at line 3)",
			"5:53: warning: unknown field 'titel' in event",
			"5:76: error: expected a string for 'title' of an event, got a number",
			"5:39: error: invalid date '2025-02-30'",
			"5:89: error: expected a number for 'weight'",
			"6:13: warning: unknown actor 'Z'",
			"5:22: warning: unknown event type 'tarif'",
			"6:64: error: unknown event 'nope' in 'links'",
			"7:8: error: duplicate event id 'e1'",
			"8:8: error: duplicate event id 'e1'",
			"8:97: error: invalid offset 'P1X'",
			"9:8: error: duplicate event id 'e1'",
			"9:82: error: unknown event 'gone' in relative date",
		},
		.check = check_duplicates_dropped,
	},
	{
		/* The same in JSON Lines, where each event is a line of its own. */
		.what = "duplicate event still checked whole (JSON Lines)",
		.files = { { "dup.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"first\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"e1\", \"type\": \"tarif\", \"date\": \"2025-13\", \"titel\": \"x\", \"title\": \"t\", \"source\": [\"Z\"]}\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"title\": \"t\", \"source\": [\"A\"], \"date\": {\"after\": \"e3\", \"offset\": \"P1D\"}}\n"
			     "{\"id\": \"e3\", \"type\": \"deadline\", \"title\": \"later\", \"source\": [\"A\"], \"date\": {\"after\": \"e1\", \"offset\": \"P21D\"}}\n"
			     "{\"links\": [{\"rel\": \"in_response_to\", \"event\": \"nope\"}], \"id\": \"e3\", \"type\": \"deadline\", \"title\": \"t\", \"source\": [\"A\"], \"date\": \"2025\"}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 5,
		.warnings = 3,
		.diags = {
			"3:8: error: duplicate event id 'e1' (first defined at line 2)",
			"3:50: warning: unknown field 'titel' in event",
			"3:39: error: invalid date '2025-13'",
			"3:22: warning: unknown event type 'tarif'",
			"3:89: warning: unknown actor 'Z'",
			"4:8: error: duplicate event id 'e1'",
			"6:63: error: duplicate event id 'e3' (first defined at line 5)",
			"6:47: error: unknown event 'nope' in 'links'",
		},
		.check = check_duplicates_dropped,
	},
	{
		/*
		 * An actor defined again is held to the fields it gives validly, whatever
		 * else is wrong with it (line 3: a conflicting name beside a bad role), and
		 * the part_of ids of a definition not kept are still mentions (NOPE, ZZ).
		 * A broken first definition (line 4: no valid kind) holds later ones only to
		 * what it gave validly: line 5 is no conflict, and gives B its kind.
		 */
		.what = "duplicate actor still checked whole",
		.files = { { "act.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\", \"role\": \"state\"},\n"
			     "{\"id\": \"A\", \"name\": \"Alfa\", \"kind\": \"country\", \"role\": 3, \"part_of\": \"NOPE\", \"colour\": \"red\"},\n"
			     "{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"contry\"},\n"
			     "{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"person\", \"part_of\": \"A\"},\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"group\", \"part_of\": [\"ZZ\"]}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 4,
		.warnings = 3,
		.diags = {
			"3:78: warning: unknown field 'colour' in actor",
			"3:56: error: expected a string for 'role' of an actor, got a number",
			"3:21: error: conflicting name for actor 'A': 'Alfa' here, 'Alpha' at line 2",
			"4:37: error: unknown actor kind 'contry'",
			"6:38: error: conflicting kind for actor 'A': 'group' here, 'country' at line 2",
			"3:70: warning: unknown actor 'NOPE'",
			"6:59: warning: unknown actor 'ZZ'",
		},
		.check = check_duplicate_actor_checked_whole,
	},
	{
		/* A type or source defined again with a broken field is still compared on the others. */
		.what = "type and source redefinitions still checked whole",
		.files = { { "a.json",
			     "{\"types\": {\"talk\": {\"label\": \"Talk\", \"weight\": 2, \"quad\": 1}},\n"
			     " \"sources\": {\"s1\": {\"title\": \"A\", \"url\": \"https://a.org\"}}}\n"
			   },
			   { "b.json",
			     "{\"types\": {\"talk\": {\"label\": \"Chat\", \"weight\": 20, \"quad\": 1}},\n"
			     " \"sources\": {\"s1\": {\"title\": \"B\", \"url\": 7}}}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 4,
		.diags = {
			"1:48: error: 'weight' of a type must be a number",
			"1:20: error: conflicting definition of type 'talk' (first at a.json, line 1)",
			"2:42: error: expected a string for 'url' of a source, got a number",
			"2:30: error: conflicting title for source 's1' (first at a.json, line 2)",
		},
		.check = check_redefinition_checked_whole,
	},
};

static void test_merge(void)
{
	RUN_CASES(merge_cases);
}

/* --------------------------------------------------------- unknown actors */

static void check_actor_defined_in_later_file(const gp_dataset *ds)
{
	const gp_actor *z = actor_by_id(ds, "Z");
	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	EXPECT_I64(z->defined, 1);
	EXPECT_STR(z->name, "Zeta");
	EXPECT_I64(z->kind, GP_KIND_PERSON);
}

static void check_unknown_actor(const gp_dataset *ds)
{
	const gp_actor *a = actor_by_id(ds, "BRAZIL");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EXPECT_I64(a->defined, 0);
	EXPECT_I64(a->kind, GP_KIND_GROUP);
	EXPECT_STR(a->name, "BRAZIL");
	EXPECT_I64(gp_dataset_actor_count(ds), 2);
}

static void check_unknown_actor_in_part_of(const gp_dataset *ds)
{
	const gp_actor *a = actor_by_id(ds, "NOPE");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EXPECT_I64(a->kind, GP_KIND_GROUP);
	EXPECT_STR(a->name, "NOPE");
}

static const load_case unknown_actor_cases[] = {
	{
		.what = "actor defined in a later file",
		.files = { { "a.json",
			     "{\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"Z\"]}]}\n" },
			   { "b.json",
			     "{\"actors\": [{\"id\": \"Z\", \"name\": \"Zeta\", \"kind\": \"person\"}]}\n" } },
		.check = check_actor_defined_in_later_file,
	},
	{
		/* Warnings alone. The first mention of BRAZIL: line 4, column 13. */
		.what = "unknown actor",
		.files = { { "u.json",
			     "{\"actors\": [{\"id\": \"BRA\", \"name\": \"Brazil\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\",\n"
			     " \"source\": [\"BRAZIL\"], \"target\": [\"BRA\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"BRAZIL\"]}]}\n" } },
		.warnings = 1,
		.diags = { "4:13: warning: unknown actor 'BRAZIL'", "did you mean 'BRA'" },
		.check = check_unknown_actor,
	},
	{
		/*
		 * DESIGN §1: the suggestion for an unknown id draws on the defined ids,
		 * names AND aliases. "turla" is the alias "Turla" of secret-blizzard
		 * (case-insensitively equal), so the warning must suggest something.
		 */
		.what = "unknown actor suggests by alias",
		.files = { { "t.json",
			     "{\"actors\": [{\"id\": \"secret-blizzard\", \"name\": \"Secret Blizzard\", \"kind\": \"group\",\n"
			     " \"aliases\": [\"Turla\"]}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\",\n"
			     " \"source\": [\"turla\"]}]}\n" } },
		.warnings = 1,
		.diags = { "4:13: warning: unknown actor 'turla'", "did you mean" },
	},
	{
		/* An actor only named by part_of is also created, with a warning there. */
		.what = "unknown actor in part_of",
		.files = { { "p.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"u\", \"name\": \"Unit\", \"kind\": \"group\", \"part_of\": \"NOPE\"}]}\n" } },
		.warnings = 1,
		.diags = { "2:57: warning: unknown actor 'NOPE'" },
		.check = check_unknown_actor_in_part_of,
	},
};

static void test_unknown_actors(void)
{
	RUN_CASES(unknown_actor_cases);
}

/* ---------------------------------------------------------- relative dates */

static void check_relative_dates(const gp_dataset *ds)
{
	gp_index i1 = gp_dataset_find_event(ds, "e1"), i2 = gp_dataset_find_event(ds, "e2");
	const gp_event *e0 = event_by_id(ds, "e0"), *e1 = event_by_id(ds, "e1");
	const gp_event *e2 = event_by_id(ds, "e2"), *e3 = event_by_id(ds, "e3");
	CU_ASSERT_FATAL(e0 && e1 && e2 && e3);
	EXPECT_I64(i1, 2);
	EXPECT_I64(e1->derived_from, GP_NONE);

	/* e2 = e1 + 21 days = 2025-08-27. */
	EXPECT_I64(e2->derived_from, i1);
	EXPECT_I64(e2->date.start, day_start(2025, 8, 27));
	EXPECT_I64(e2->date.end, day_end(2025, 8, 27));
	EXPECT_I64(e2->date.precision, GP_PREC_DAY);
	EXPECT_STR(e2->offset, "P21D");
	EXPECT_I64(e2->direction, 1);
	EXPECT_STR(e2->edtf, NULL);

	/* e3 = e2 + 1 month = 2025-09-27, though written before both. */
	EXPECT_I64(e3->derived_from, i2);
	EXPECT_I64(e3->date.start, day_start(2025, 9, 27));
	EXPECT_I64(e3->date.end, day_end(2025, 9, 27));

	/* e0 = e1 - 2 weeks = 2025-07-23. */
	EXPECT_I64(e0->derived_from, i1);
	EXPECT_I64(e0->direction, -1);
	EXPECT_I64(e0->date.start, day_start(2025, 7, 23));
	EXPECT_I64(e0->date.end, day_end(2025, 7, 23));

	/* 2025-01-31 + P1M = 2025-02-28. */
	const gp_event *m2 = event_by_id(ds, "m2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m2);
	EXPECT_I64(m2->date.start, day_start(2025, 2, 28));
	EXPECT_I64(m2->date.end, day_end(2025, 2, 28));

	/* 2025-01 + P1M = 2025-02, at month precision. */
	const gp_event *y2 = event_by_id(ds, "y2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(y2);
	EXPECT_I64(y2->date.start, day_start(2025, 2, 1));
	EXPECT_I64(y2->date.end, day_end(2025, 2, 28));
	EXPECT_I64(y2->date.precision, GP_PREC_MONTH);
	EXPECT_I64(y2->derived_from, gp_dataset_find_event(ds, "y1"));
}

static const load_case relative_date_cases[] = {
	{
		.what = "relative dates",
		.files = { { "rel.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"title\": \"c\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"e2\", \"offset\": \"P1M\"}},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"title\": \"b\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"e1\", \"offset\": \"P21D\"}},\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"title\": \"a\", \"source\": [\"A\"], \"date\": \"2025-08-06\"},\n"
			     "{\"id\": \"e0\", \"type\": \"statement\", \"title\": \"d\", \"source\": [\"A\"],\n"
			     " \"date\": {\"before\": \"e1\", \"offset\": \"P2W\"}},\n"
			     "{\"id\": \"m1\", \"type\": \"statement\", \"title\": \"e\", \"source\": [\"A\"], \"date\": \"2025-01-31\"},\n"
			     "{\"id\": \"m2\", \"type\": \"statement\", \"title\": \"f\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"m1\", \"offset\": \"P1M\"}},\n"
			     "{\"id\": \"y1\", \"type\": \"statement\", \"title\": \"g\", \"source\": [\"A\"], \"date\": \"2025-01\"},\n"
			     "{\"id\": \"y2\", \"type\": \"statement\", \"title\": \"h\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"y1\", \"offset\": \"P1M\"}}]}\n"
			   } },
		.check = check_relative_dates,
	},
	{
		/*
		 * e1 -> e2 -> e1: the reference written last is e2's "e1" (line 6,
		 * column 20). e4 depends on the cycle but is not part of it.
		 */
		.what = "relative date cycle",
		.files = { { "cyc.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"title\": \"a\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"e2\", \"offset\": \"P1D\"}},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"title\": \"b\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"e1\", \"offset\": \"P1D\"}},\n"
			     "{\"id\": \"e4\", \"type\": \"statement\", \"title\": \"c\", \"source\": [\"A\"],\n"
			     " \"date\": {\"before\": \"e1\", \"offset\": \"P1D\"}}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "6:20: error: ", "cycle" },
	},
	{
		/* A three-event cycle written in order: closed by the last reference. */
		.what = "relative date cycle of three",
		.files = { { "cyc3.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"a\", \"type\": \"statement\", \"title\": \"a\", \"source\": [\"A\"], \"date\": {\"after\": \"b\", \"offset\": \"P1D\"}},\n"
			     "{\"id\": \"b\", \"type\": \"statement\", \"title\": \"b\", \"source\": [\"A\"], \"date\": {\"after\": \"c\", \"offset\": \"P1D\"}},\n"
			     "{\"id\": \"c\", \"type\": \"statement\", \"title\": \"c\", \"source\": [\"A\"], \"date\": {\"after\": \"a\", \"offset\": \"P1D\"}}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "5:83: error: ", "cycle" },
	},
	{
		.what = "relative date unknown event",
		.files = { { "unk.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"title\": \"a\", \"source\": [\"A\"],\n"
			     " \"date\": {\"before\": \"nope\", \"offset\": \"P1D\"}}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:21: error: unknown event 'nope'" },
	},
	{
		/*
		 * Unknown event and citation ids come with the closest defined ids (DESIGN
		 * §1), compared case-insensitively.
		 */
		.what = "unknown event and source ids: suggestions",
		.files = { { "sugg.json",
			     "{\"sources\": {\"msft-blog\": {\"title\": \"Frozen\"}},\n"
			     "\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"tariff-order-2\", \"type\": \"tariff\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"A\"],\n"
			     " \"sources\": [\"msft_blog\", \"nothing-like-it\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"tariff\", \"title\": \"u\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"tariff-order2\", \"offset\": \"P1D\"},\n"
			     " \"links\": [{\"rel\": \"in_response_to\", \"event\": \"TARIFF-ORDER-2\"}, {\"rel\": \"part_of\", \"event\": \"zzzzzzzzzz\"}]}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 3,
		.warnings = 2,
		.diags = {
			"4:14: warning: unknown source 'msft_blog' (did you mean 'msft-blog'?): no entry in 'sources'",
			"4:27: warning: unknown source 'nothing-like-it': no entry",
			"7:47: error: unknown event 'TARIFF-ORDER-2' in 'links' (did you mean 'tariff-order-2'?)",
			"7:94: error: unknown event 'zzzzzzzzzz' in 'links'",
			"6:20: error: unknown event 'tariff-order2' in relative date (did you mean 'tariff-order-2'?)",
		},
	},
	{
		/* `offset` is required: an error at the date object. */
		.what = "relative date missing offset",
		.files = { { "off.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e0\", \"type\": \"statement\", \"title\": \"z\", \"source\": [\"A\"], \"date\": \"2025\"},\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"title\": \"a\", \"source\": [\"A\"],\n"
			     " \"date\": {\"after\": \"e0\"}}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "4:10: error: ", "offset" },
	},
};

static void test_relative_dates(void)
{
	RUN_CASES(relative_date_cases);
}

/*
 * Past 20,000 events only ids near the unknown one in sorted order, and its
 * prefixes, are compared: still the same id in another case, a typo after a
 * shared prefix, and a prefix (BRAZIL -> BRA) beyond 25,000 ids in between.
 */
static void test_unknown_reference_suggestions_large(void)
{
	const size_t n = 25000;
	const char *tail =
		"{\"id\": \"BRA\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"A\"]}\n"
		"{\"id\": \"tariff-order-2\", \"type\": \"tariff\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"A\"]}\n"
		"{\"id\": \"x\", \"type\": \"tariff\", \"date\": {\"after\": \"TARIFF-ORDER-2\", \"offset\": \"P1D\"}, \"title\": \"t\", \"source\": [\"A\"],"
		" \"links\": [{\"rel\": \"part_of\", \"event\": \"BRAZIL\"}, {\"rel\": \"part_of\", \"event\": \"BRAA01234x\"}]}\n";
	size_t size = n * 100 + strlen(tail) + 1, pos = 0;
	char *text = malloc(size);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	for (size_t i = 0; i < n; i++) {
		pos += (size_t)snprintf(
			text + pos, size - pos,
			"{\"id\": \"BRAA%05zu\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"A\"]}\n",
			i);
	}
	snprintf(text + pos, size - pos, "%s", tail);
	const load_case c = {
		.what = "unknown event ids among many: suggestions",
		.files = { { "many.jsonl", text } },
		.status = GP_EINVALID,
		.errors = 3,
		.warnings = 1,
		.diags = {
			"1:83: warning: unknown actor 'A'",
			"25003:154: error: unknown event 'BRAZIL' in 'links' (did you mean 'BRA'?)",
			"25003:193: error: unknown event 'BRAA01234x' in 'links' (did you mean 'BRAA01234', 'BRAA01224' or 'BRAA01230'?)",
			"25003:49: error: unknown event 'TARIFF-ORDER-2' in relative date (did you mean 'tariff-order-2'?)",
		},
	};
	run_case(&c);
	free(text);
}

/* ---------------------------------------------------- links and part_of */

static void check_links_and_citations(const gp_dataset *ds)
{
	const gp_event *e2 = event_by_id(ds, "e2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	EXPECT_I64(e2->n_links, 2);
	if (e2->n_links == 2) {
		const gp_link *l = gp_dataset_event_links(ds, e2);
		EXPECT_STR(l[0].rel, "in_response_to");
		EXPECT_I64(l[0].event, gp_dataset_find_event(ds, "e1"));
		EXPECT_STR(l[1].rel, "follows");
	}
}

static void check_part_of_chain_and_bounds(const gp_dataset *ds)
{
	gp_index iu = gp_dataset_find_actor(ds, "u"), iag = gp_dataset_find_actor(ds, "ag");
	gp_index ic = gp_dataset_find_actor(ds, "C");
	CU_ASSERT_FATAL(iu != GP_NONE && iag != GP_NONE && ic != GP_NONE);
	const gp_actor *u = gp_dataset_actor(ds, iu), *ag = gp_dataset_actor(ds, iag);
	const gp_actor *c = gp_dataset_actor(ds, ic), *m = actor_by_id(ds, "m");
	CU_ASSERT_FATAL(m != NULL);
	/* Actors in order of first mention: u, ag, C, m. */
	EXPECT_I64(iu, 0);
	EXPECT_I64(iag, 1);
	EXPECT_I64(ic, 2);
	EXPECT_I64(u->n_members, 1);
	EXPECT_I64(ag->n_members, 1);
	EXPECT_I64(c->n_members, 0);
	if (u->n_members == 1 && ag->n_members == 1) {
		EXPECT_I64(gp_dataset_actor_part_of(ds, u)[0].actor, iag);
		EXPECT_I64(gp_dataset_actor_part_of(ds, ag)[0].actor, ic);
	}
	EXPECT_I64(m->n_members, 3);
	if (m->n_members == 3) {
		const gp_membership *ms = gp_dataset_actor_part_of(ds, m);
		EXPECT_I64(ms[0].actor, ic);
		EXPECT_I64(ms[0].from, day_start(2004, 1, 1));
		EXPECT_I64(ms[0].to, day_end(2010, 12, 31));
		EXPECT_I64(ms[1].actor, iag);
		EXPECT_I64(ms[1].from, day_start(2011, 3, 1));
		CU_ASSERT(ms[1].to == GP_TIME_MAX);
		EXPECT_I64(ms[2].actor, iu);
		CU_ASSERT(ms[2].from == GP_TIME_MIN);
		EXPECT_I64(ms[2].to, day_end(2003, 6, 15));
	}
}

static const load_case link_cases[] = {
	{
		.what = "links and citations",
		.files = { { "l.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"], \"sources\": [\"nosuch\"],\n"
			     " \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e1\"}, {\"rel\": \"follows\", \"event\": \"e9\"}]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.warnings = 2,
		/* An unknown relation is a warning with a suggestion; the link is kept. */
		.diags = { "4:82: error: unknown event 'e9'", "3:94: warning: ", "'nosuch'",
			   "4:62: warning: unknown link relation 'follows' (did you mean "
			   "'follows_from'?)" },
		.check = check_links_and_citations,
	},
	{
		/*
		 * The vocabulary loads without a word; a relation close to none of
		 * it is told the list. e3 answers e2, whose date is only known once
		 * resolved (e1 + 10 days = 2025-03-11), and starts before it: fine.
		 * e4 answers e5, which starts later: a warning at the reference.
		 * A month may answer a day inside it (e6, e7).
		 */
		.what = "links vocabulary and responses to later events",
		.files = { { "v.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}], \"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-03-01\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": {\"after\": \"e1\", \"offset\": \"P10D\"}, \"title\": \"x\", \"source\": [\"A\"],\n"
			     " \"links\": [{\"rel\": \"follows_from\", \"event\": \"e1\"}, {\"rel\": \"part_of\", \"event\": \"e1\"},\n"
			     "  {\"rel\": \"contradicts\", \"event\": \"e1\"}, {\"rel\": \"announces\", \"event\": \"e1\"}, {\"rel\": \"zzz\", \"event\": \"e1\"}]},\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025-03-12\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e2\"}]},\n"
			     "{\"id\": \"e4\", \"type\": \"statement\", \"date\": \"2025-03-10\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e2\"}]},\n"
			     "{\"id\": \"e6\", \"type\": \"statement\", \"date\": \"2025-03\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e7\"}]},\n"
			     "{\"id\": \"e7\", \"type\": \"statement\", \"date\": \"2025-03-20\", \"title\": \"x\", \"source\": [\"A\"]}]}\n" } },
		.warnings = 2,
		.diags = { "5:87: warning: unknown link relation 'zzz' (the relations are in_response_to, "
			   "follows_from, part_of, contradicts and announces)",
			   "7:133: warning: 'e4' (2025-03-10) is in_response_to 'e2', which starts later "
			   "(2025-03-11)" },
		.absent = { "'e3'", "'e6'" },
	},
	{
		/*
		 * An interval may start as late as the end of its start's unit:
		 * 2025-08/2025-10 may answer 2025-08-06 (i1), and an open start
		 * may be as late as its end (i2); 2025-07/.. starts before
		 * 2025-08-06 whatever the day (i3).
		 */
		.what = "responses from intervals",
		.files = { { "i.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}], \"events\": [\n"
			     "{\"id\": \"x\", \"type\": \"statement\", \"date\": \"2025-08-06\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"i1\", \"type\": \"statement\", \"date\": \"2025-08/2025-10\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"x\"}]},\n"
			     "{\"id\": \"i2\", \"type\": \"statement\", \"date\": \"../2025-10\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"x\"}]},\n"
			     "{\"id\": \"i3\", \"type\": \"statement\", \"date\": \"2025-07/..\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"x\"}]}]}\n" } },
		.warnings = 1,
		.diags = { "warning: 'i3' (2025-07 → ongoing) is in_response_to 'x', which starts later" },
		.absent = { "'i1'", "'i2'" },
	},
	{
		.what = "a response to a later event under --strict",
		.strict = 1,
		.files = { { "s.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}], \"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"], \"links\": [{\"rel\": \"in_response_to\", \"event\": \"e2\"}]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2026-01-05\", \"title\": \"x\", \"source\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "2:127: error: 'e1' (2025) is in_response_to 'e2', which starts later (2026-01-05)" },
	},
	{
		.what = "part_of chain and bounds",
		.files = { { "po.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"u\", \"name\": \"Unit\", \"kind\": \"group\", \"part_of\": \"ag\"},\n"
			     "{\"id\": \"ag\", \"name\": \"Agency\", \"kind\": \"agency\", \"part_of\": \"C\"},\n"
			     "{\"id\": \"C\", \"name\": \"Country\", \"kind\": \"country\"},\n"
			     "{\"id\": \"m\", \"name\": \"Minister\", \"kind\": \"person\",\n"
			     " \"part_of\": [{\"id\": \"C\", \"from\": \"2004\", \"to\": \"2010\"}, {\"id\": \"ag\", \"from\": \"2011-03\"},\n"
			     "  {\"id\": \"u\", \"to\": \"2003-06-15\"}]}]}\n" } },
		.check = check_part_of_chain_and_bounds,
	},
	{
		/* X -> A -> B -> A: closed by B's "A", line 4 column 57. */
		.what = "part_of cycle",
		.files = { { "poc.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"X\", \"name\": \"Ex\", \"kind\": \"group\", \"part_of\": \"A\"},\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"group\", \"part_of\": \"B\"},\n"
			     "{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"group\", \"part_of\": \"A\"}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "4:57: error: ", "cycle" },
	},
	{
		/* A cycle through a time-bounded membership counts (bounds ignored). */
		.what = "part_of cycle through bounded memberships",
		.files = { { "pob.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"group\", \"part_of\": [{\"id\": \"B\", \"to\": \"2000\"}]},\n"
			     "{\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"group\", \"part_of\": [{\"id\": \"A\", \"from\": \"2001\"}]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:65: error: ", "cycle" },
	},
};

static void test_links_and_part_of(void)
{
	RUN_CASES(link_cases);
}

/* ------------------------------------------------------ fields and values */

static const char unknown_fields_text[] =
	"{\"geopol\": 1, \"extra\": true,\n"
	"\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
	"\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\",\n"
	" \"source\": [\"A\"], \"sorce\": [\"A\"]}]}\n";

/* The event still loads. */
static void check_unknown_fields(const gp_dataset *ds)
{
	CU_ASSERT(event_by_id(ds, "e1") != NULL);
}

static void check_types_section(const gp_dataset *ds)
{
	const gp_event *e1 = event_by_id(ds, "e1"), *e2 = event_by_id(ds, "e2");
	const gp_event *e3 = event_by_id(ds, "e3"), *e4 = event_by_id(ds, "e4");
	CU_ASSERT_FATAL(e1 && e2 && e3 && e4);
	const gp_type *t1 = gp_dataset_type(ds, e1->type);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
	EXPECT_STR(t1->name, "spying");
	EXPECT_STR(t1->label, "Cyber spying");
	EXPECT_DBL(t1->weight, -6);
	EXPECT_I64(t1->quad, 4);
	EXPECT_I64(t1->known, 1);
	EXPECT_I64(t1->builtin, 0);
	EXPECT_DBL(e1->weight, -6);
	EXPECT_DBL(e4->weight, 1);
	/* A built-in's weight overridden; its label kept. */
	const gp_type *t2 = gp_dataset_type(ds, e2->type);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t2);
	EXPECT_STR(t2->name, "tariff");
	EXPECT_DBL(t2->weight, -9);
	EXPECT_DBL(e2->weight, -9);
	EXPECT_STR(t2->label, "Tariff");
	EXPECT_I64(t2->quad, 4);
	/* An unknown type: weight 0, quad 0. */
	const gp_type *t3 = gp_dataset_type(ds, e3->type);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t3);
	EXPECT_STR(t3->name, "tarif");
	EXPECT_I64(t3->known, 0);
	EXPECT_I64(t3->quad, 0);
	EXPECT_DBL(e3->weight, 0);
	/* A type is found by name. */
	EXPECT_I64(gp_dataset_find_type(ds, "spying"), e1->type);
}

static const load_case field_cases[] = {
	{
		.what = "unknown fields",
		.files = { { "f.json", unknown_fields_text } },
		.warnings = 2,
		.diags = { "1:15: warning: ", "'extra'", "4:19: warning: ", "'sorce'",
			   "did you mean 'source'" },
		.check = check_unknown_fields,
	},
	{
		.what = "strict",
		.files = { { "f.json", unknown_fields_text } },
		.strict = 1,
		.status = GP_EINVALID,
		.errors = 2,
		.diags = { "4:19: error: ", "1:15: error: " },
		.absent = { "warning:" },
	},
	{
		/* The second "name" key: line 3, column 2. */
		.what = "duplicate key",
		.files = { { "k.json",
			     "{\"actors\": [\n"
			     "{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\",\n"
			     " \"name\": \"Beta\"}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:2: error: ", "duplicate key 'name'", "line 2" },
	},
	{
		.what = "wrong JSON types",
		.files = { { "w.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\", \"aliases\": \"AA\"}],\n"
			     "\"events\": [{\"id\": 7, \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": 2025, \"title\": [\"x\"],\n"
			     " \"source\": \"A\", \"weight\": \"big\", \"attributes\": [1],\n"
			     " \"target\": [\"A\", 3]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 8,
		.diags = { "1:72: error: expected", "2:19: error: expected",
			   "3:43: error: expected", "3:58: error: expected",
			   "4:12: error: expected", "4:27: error: expected",
			   "4:48: error: expected", "5:18: error: expected" },
	},
	{
		.what = "top level not an object",
		.files = { { "arr.json", "\n  [1, 2]\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "2:3: error: expected" },
	},
	{
		.what = "geopol version",
		.files = { { "v.json", "{\"geopol\": 2}" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:12: error: " },
	},
	{
		.what = "missing fields",
		.files = { { "m.json",
			     "{\"actors\": [\n"
			     "  {\"name\": \"Alpha\", \"kind\": \"country\"},\n"
			     "{\"id\": \"A\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     " {\"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "   {\"id\": \"e2\", \"date\": \"2025\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"title\": \"y\", \"source\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 6,
		.diags = { "2:3: error: actor is missing required field 'id'",
			   "3:1: error: actor is missing required field 'name'",
			   "5:2: error: event is missing required field 'id'",
			   "6:4: error: event is missing required field 'type'",
			   "6:4: error: event is missing required field 'title'",
			   "7:1: error: event is missing required field 'date'" },
	},
	{
		/* An event with no actor in source/target/participants: error at its `{`. */
		.what = "event without actor",
		.files = { { "na.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "  {\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"about\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:3: error: " },
	},
	{
		.what = "empty string value",
		.files = { { "e.json",
			     "{\"actors\": [{\"id\": \"\", \"name\": \"Alpha\", \"kind\": \"country\"}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:20: error: " },
	},
	{
		.what = "weight out of range",
		.files = { { "wr.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\",\n"
			     " \"source\": [\"A\"], \"weight\": 10.5}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:29: error: " },
	},
	{
		/* "2025-02-30" opens at character 75 of line 3 (byte 84). */
		.what = "column counts characters",
		.files = { { "c.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"title\": \"Zelenskyy \xe2\x80\x94 \xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0\", \"date\": \"2025-02-30\", \"source\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:75: error: " },
	},
	{
		.what = "invalid dates",
		.files = { { "d.json",
			     "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-13\", \"title\": \"a\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"20250806\", \"title\": \"b\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025-8-6\", \"title\": \"c\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e4\", \"type\": \"statement\", \"date\": \"2025-03/2025-02\", \"title\": \"d\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e5\", \"type\": \"statement\", \"date\": \"2024-02-29\", \"title\": \"ok\", \"source\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 4,
		.diags = { "3:43: error: ", "4:43: error: ", "5:43: error: ", "6:43: error: " },
		.absent = { "7:" },
	},
	{
		.what = "types section",
		.files = { { "ty.json",
			     "{\"types\": {\"spying\": {\"label\": \"Cyber spying\", \"weight\": -6, \"quad\": 4},\n"
			     " \"tariff\": {\"weight\": -9}},\n"
			     "\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [\n"
			     "{\"id\": \"e1\", \"type\": \"spying\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e2\", \"type\": \"tariff\", \"date\": \"2025\", \"title\": \"y\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e3\", \"type\": \"tarif\", \"date\": \"2025\", \"title\": \"z\", \"source\": [\"A\"]},\n"
			     "{\"id\": \"e4\", \"type\": \"spying\", \"date\": \"2025\", \"title\": \"w\", \"source\": [\"A\"], \"weight\": 1}]}\n" } },
		.warnings = 1,
		.diags = { "7:22: warning: unknown event type 'tarif'" },
		.check = check_types_section,
	},
};

static void test_fields(void)
{
	RUN_CASES(field_cases);
}

/*
 * A duplicate key in a large map ("sources" with 300 entries) is an error
 * at the later key too, even when both entries are identical.
 */
static void test_duplicate_key_large_map(void)
{
	size_t cap = 32768, n = 0;
	char *text = malloc(cap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	n += (size_t)snprintf(text + n, cap - n, "{\"sources\": {\n"); /* line 1 */
	for (int i = 0; i < 300; i++) {                                /* lines 2..301 */
		n += (size_t)snprintf(text + n, cap - n, "\"s%d\": {\"title\": \"t\"},\n", i);
	}
	snprintf(text + n, cap - n, "\"s0\": {\"title\": \"t\"}}}\n"); /* line 302 */
	const load_case c = {
		.what = "duplicate key in a large map",
		.files = { { "big.json", text } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "302:1: error: ", "duplicate" },
	};
	run_case(&c);
	free(text);
}

/* -------------------------------------------------------------- JSON Lines */

static void check_jsonl(const gp_dataset *ds)
{
	EXPECT_STR(gp_dataset_title(ds), "Stream");
	EXPECT_I64(gp_dataset_actor_count(ds), 1);
	const gp_actor *a = actor_by_id(ds, "A");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EXPECT_STR(a->name, "Alpha");
	EXPECT_I64(a->defined, 1);
	const gp_event *e2 = event_by_id(ds, "e2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	EXPECT_I64(e2->date.start, day_start(2025, 5, 1));
	EXPECT_I64(e2->date.end, day_end(2025, 5, 31));
	EXPECT_DBL(e2->weight, 2.5);
	EXPECT_I64(e2->line, 6);
	EXPECT_I64(e2->column, 1);
}

static void check_jsonl_valid(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_actor_count(ds), 2);
	EXPECT_I64(gp_dataset_event_count(ds), 2);
	const gp_event *e2 = event_by_id(ds, "e2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	EXPECT_I64(e2->date.start, day_start(2025, 8, 7));
	EXPECT_I64(e2->derived_from, gp_dataset_find_event(ds, "e1"));
}

static void check_imported_ids(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_event_count(ds), 6);
	const gp_event *i9 = event_by_id(ds, "icews-9"), *g7 = event_by_id(ds, "gdelt-7");
	const gp_event *g007 = event_by_id(ds, "gdelt-007");
	CU_ASSERT_PTR_NOT_NULL_FATAL(i9);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g007);
	EXPECT_I64(i9->date.start, day_start(2025, 8, 6));
	EXPECT_I64(g7->date.start, day_start(2025, 8, 10));
	EXPECT_I64(g007->date.start, day_start(2025, 8, 11));
	EXPECT_STR(gp_dataset_event(ds, gp_dataset_find_event(ds, "gdelt-5"))->title, "x");
	EXPECT_I64(gp_dataset_find_event(ds, "gdelt-8"), GP_NONE);
	EXPECT_I64(gp_dataset_find_event(ds, "gdelt-05"), GP_NONE);
}

/* The lines after it still load. */
static void check_jsonl_syntax_error(const gp_dataset *ds)
{
	CU_ASSERT(event_by_id(ds, "e3") != NULL);
	CU_ASSERT(event_by_id(ds, "e1") != NULL);
}

static void check_jsonl_strict(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_event_count(ds), 1);
	const gp_event *e4 = event_by_id(ds, "e4");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e4);
	EXPECT_DBL(e4->weight, -1.5);
}

static void check_jsonl_lookalikes_load(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_event_count(ds), 3);
	const gp_event *e2 = event_by_id(ds, "e2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	EXPECT_STR(e2->title, "0\\u");
	EXPECT_DBL(e2->weight, 0.5);
}

static const load_case jsonl_cases[] = {
	{
		/* Line 2 is blank; the bad date of line 3 opens at column 43. */
		.what = "JSON Lines",
		.files = { { "stream.jsonl",
			     "{\"geopol\": 1, \"title\": \"Stream\"}\n"
			     "\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-13\", \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "   \n"
			     "{\"id\": \"e2\", \"type\": \"meeting\", \"date\": \"2025-05\", \"title\": \"y\", \"participants\": [\"A\"]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:43: error: " },
		.check = check_jsonl,
	},
	{
		.what = "JSON Lines valid",
		.files = { { "ok.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"actor\": {\"id\": \"B\", \"name\": \"Beta\", \"kind\": \"group\"}}\n"
			     "{\"id\": \"e1\", \"type\": \"tariff\", \"date\": \"2025-08-06\", \"title\": \"x\", \"source\": [\"A\"], \"target\": [\"B\"]}\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": {\"after\": \"e1\", \"offset\": \"P1D\"}, \"title\": \"y\", \"source\": [\"B\"]}"
			   } },
		.check = check_jsonl_valid,
	},
	{
		/* A syntax error in a JSON Lines file names its own line. */
		.what = "JSON Lines syntax error",
		.files = { { "t.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"e2\", \"type\": \"statement\"\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"z\", \"source\": [\"A\"]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "3:", "syntax" },
		.check = check_jsonl_syntax_error,
	},
	{
		/*
		 * Imported ids are indexed by number: in increasing order an array, then a
		 * hash map once one comes out of order. Lookups, duplicates and references
		 * work the same on both sides of the switch; "gdelt-007" is another id.
		 * The errors: the two duplicates and the unknown gdelt-8.
		 */
		.what = "imported ids in and out of order",
		.files = { { "imported.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"id\": \"gdelt-5\", \"type\": \"tariff\", \"date\": \"2025-08-05\", \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"gdelt-9\", \"type\": \"tariff\", \"date\": \"2025-08-09\", \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"icews-9\", \"type\": \"tariff\", \"date\": {\"after\": \"gdelt-5\", \"offset\": \"P1D\"}, \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"gdelt-5\", \"type\": \"tariff\", \"date\": \"2025-08-01\", \"title\": \"dup\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"gdelt-7\", \"type\": \"tariff\", \"date\": {\"after\": \"gdelt-9\", \"offset\": \"P1D\"}, \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"gdelt-007\", \"type\": \"tariff\", \"date\": {\"after\": \"gdelt-7\", \"offset\": \"P1D\"}, \"title\": \"x\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"gdelt-9\", \"type\": \"tariff\", \"date\": \"2025-08-01\", \"title\": \"dup\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"e\", \"type\": \"tariff\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"],"
			     " \"links\": [{\"rel\": \"follows_from\", \"event\": \"gdelt-8\"}, {\"rel\": \"follows_from\", \"event\": \"icews-9\"}]}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 3,
		.diags = { "5:8: error: duplicate event id 'gdelt-5' (first defined at line 2)",
			   "8:8: error: duplicate event id 'gdelt-9' (first defined at line 3)", "9:" },
		.check = check_imported_ids,
	},
	{
		/* In JSON Lines, each line is scanned alone: its errors name it, the other lines load. */
		.what = "JSON Lines: strict, line by line",
		.files = { { "strict.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"], \"weight\": 01}\n"
			     "{\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"y\tz\", \"source\": [\"A\"]}\r\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"z\", \"source\": [\"A\"]\r\n"
			     "\f\n"
			     "{\"id\": \"e4\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"w\", \"source\": [\"A\"], \"weight\": -1.5e+0}\n"
			   } },
		.status = GP_EINVALID,
		.errors = 4,
		.diags = {
			"2:92: error: syntax error: leading zero in the number 01",
			"3:62: error: syntax error: tab character in a string",
			"4:80: error: syntax error: unexpected end of input: the '{' at column 1 is not closed",
			"5:1: error: syntax error: control character U+000C",
		},
		.check = check_jsonl_strict,
	},
	{
		/*
		 * JSON Lines lines that look like what cJSON wrongly takes, but only inside
		 * strings or in valid forms (a time "09:05", "Phase 2.", an escaped "\u0030",
		 * tabs between tokens, an exponent "5e-01") load; and a clean line,
		 * spared the strict scan, still has its diagnostics where they are.
		 */
		.what = "JSON Lines: lookalikes of invalid JSON load",
		.files = { { "look.jsonl",
			     "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
			     "{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"at 09:05, Phase 2. -.5 [01]\", \"source\": [\"A\"]}\n"
			     "{\"id\": \"e2\",\t\"type\": \"statement\", \"date\": \"2025\", \"title\": \"\\u0030\\\\u\", \"source\": [\"A\"], \"weight\": 5e-01}\n"
			     "{\"id\": \"e3\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"z\", \"source\": [\"A\"], \"weight\": -0.5, \"colour\": 0}\n"
			   } },
		.warnings = 1,
		.diags = {
			"4:98: warning: unknown field 'colour' in event",
		},
		.check = check_jsonl_lookalikes_load,
	},
};

static void test_jsonl(void)
{
	RUN_CASES(jsonl_cases);
}

/* ------------------------------------------------------ encoding, syntax */

static void check_bom_accepted(const gp_dataset *ds)
{
	const gp_actor *a = actor_by_id(ds, "A");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EXPECT_STR(a->name, "Alpha");
}

static void check_bom_accepted_valid(const gp_dataset *ds)
{
	EXPECT_I64(gp_dataset_actor_count(ds), 1);
}

static void check_strict_accepts_valid(const gp_dataset *ds)
{
	const gp_actor *a = actor_by_id(ds, "A");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	EXPECT_STR(a->name, "\xc3\x85\xf0\x9f\x98\x80 \"q\" \\ / \b\f\n\r\t");
	const gp_event *e1 = event_by_id(ds, "e1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	EXPECT_STR(e1->attributes, "{\"n\":[0,-0,10,1.5,2e3,2E-3,1e+2,true,false,null,{},[]]}");
}

/* NUL bytes are errors where they are, in and out of strings. */
static const char nul_in_string[] = "{\"a\": \"x\0y\"}", nul_after[] = "{\"a\": 1}\0";

static const load_case encoding_cases[] = {
	{
		.what = "BOM accepted",
		.files = { { "bom.json",
			     "\xef\xbb\xbf{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}],\n"
			     "\"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025-02-30\", \"title\": \"x\", \"source\": [\"A\"]}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "2:54: error: " },
		.check = check_bom_accepted,
	},
	{
		.what = "BOM accepted, valid",
		.files = { { "bom2.json",
			     "\xef\xbb\xbf{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}]}\n" } },
		.check = check_bom_accepted_valid,
	},
	{
		/*
		 * The byte-order mark is not a character of the text: the value 2 of
		 * `{"geopol": 2}` is at column 12 with or without it (as an editor shows).
		 */
		.what = "BOM not counted in columns",
		.files = { { "bomcol.json", "\xef\xbb\xbf{\"geopol\": 2}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:12: error: " },
	},
	{
		/* The 0xff byte is character 24 of line 2 ("R" 22, "é" 23). */
		.what = "invalid UTF-8",
		.files = { { "bad.json", "{\"actors\": [\n"
					 "{\"id\": \"A\", \"name\": \"R\xc3\xa9\xff"
					 "\", \"kind\": \"country\"}]}\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "2:24: error: ", "UTF-8" },
	},
	{
		/* A truncated sequence at the very end. */
		.what = "invalid UTF-8 at the end",
		.files = { { "bad2.json", "{\"a\": 1}\n\xe2\x80" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "2:1: error: ", "UTF-8" },
	},
	{
		.what = "empty text",
		.files = { { "empty.json", "" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:1: error: ", "empty" },
	},
	{
		.what = "only white space",
		.files = { { "ws.json", " \n\t\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "empty" },
	},
	{
		.what = "NUL byte in a string",
		.files = { { "nul.json", nul_in_string, sizeof(nul_in_string) - 1 } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:9: error: unexpected NUL byte" },
	},
	{
		.what = "NUL byte after the value",
		.files = { { "nul.json", nul_after, sizeof(nul_after) - 1 } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "1:9: error: unexpected NUL byte" },
	},
	{
		/*
		 * Valid JSON in all its forms still loads, with its values where they are
		 * written. The only error is the date, at its place on line 4.
		 */
		.what = "strict JSON: valid forms accepted",
		.files = { { "valid.json",
			     "\t{\"geopol\": 1, \"actors\": [{\"id\": \"A\", \"name\": \"\\u00c5\\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\", \"kind\": \"country\"}],\r\n"
			     " \"events\": [{\"id\": \"e1\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"x\", \"source\": [\"A\"],\n"
			     "  \"weight\": -0.0, \"attributes\": {\"n\": [0, -0, 10, 1.5, 2e3, 2E-3, 1e+2, true, false, null, {}, []]}},\n"
			     " {\"id\": \"e2\", \"type\": \"statement\", \"date\": \"2025-02-30\", \"title\": \"y\", \"source\": [\"A\"]}]}\n\n" } },
		.status = GP_EINVALID,
		.errors = 1,
		.diags = { "4:44: error: invalid date '2025-02-30'" },
		.check = check_strict_accepts_valid,
	},
};

static void test_encodings(void)
{
	RUN_CASES(encoding_cases);
}

/* One text, one diagnostic: want (LINE:COL: error: MESSAGE, or its start). */
typedef struct {
	const char *text, *want;
} syntax_case;

static void check_syntax_cases(const char *name, const syntax_case *cases, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		test_diags d;
		gp_dataset *ds = NULL;
		test_diags_init(&d);
		int rc = test_load(name, cases[k].text, &d, &ds);
		int ok = rc == GP_EINVALID && d.n == 1 &&
			 strstr(d.lines[0], cases[k].want) == d.lines[0];
		if (!ok) {
			fprintf(stderr, "\n  case %zu: %s\n    want \"%s\", status %d", k,
				cases[k].text, cases[k].want, rc);
			dump_diags(&d);
		}
		CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)k, cases[k].want,
					__FILE__, "", CU_FALSE);
		gp_dataset_free(ds);
		test_diags_release(&d);
	}
}

/* Syntax errors are reported at the offending character (DESIGN §5), in words. */
static void test_syntax_errors(void)
{
	static const syntax_case cases[] = {
		/* A trailing comma: at the bracket after it. */
		{ "{\"actors\":\n [1, 2, 3,]}",
		  "2:11: error: syntax error: trailing comma before ']'" },
		{ "{\"actors\": [],}", "1:15: error: syntax error: trailing comma before '}'" },
		/* Keys: a missing ':', no key, single quotes, no quotes, typographic quotes. */
		{ "{\"actors\": [], \"x\"}",
		  "1:19: error: syntax error: expected ':' after the key, found '}'" },
		{ "{\"kind\" \"country\"}",
		  "1:9: error: syntax error: expected ':' after the key, found '\"'" },
		{ "{,}", "1:2: error: syntax error: expected a key in double quotes, found ','" },
		{ "{\"a\":1,,\"b\":2}",
		  "1:8: error: syntax error: expected a key in double quotes, found ','" },
		{ "{'actors':[]}",
		  "1:2: error: syntax error: single quote: strings and keys are written in double quotes" },
		{ "{\"actors\": [], x: 1}",
		  "1:16: error: syntax error: unquoted key 'x': keys are written in double quotes" },
		{ "{\xe2\x80\x9c"
		  "a\xe2\x80\x9d: 1}",
		  "1:2: error: syntax error: typographic quote '\xe2\x80\x9c' (U+201C)" },
		/* Values. */
		{ "{\"a\": 'x'}", "1:7: error: syntax error: single quote" },
		{ "{\"a\": True}",
		  "1:7: error: syntax error: unexpected word 'True' (text is written in double quotes; the literals are true, false and null)" },
		{ "{\"a\": nulls}", "1:7: error: syntax error: unexpected word 'nulls'" },
		{ "{\"a\": }", "1:7: error: syntax error: expected a value, found '}'" },
		{ "[1,,2]", "1:4: error: syntax error: expected a value, found ','" },
		{ "{\"a\": +1}",
		  "1:7: error: syntax error: a number starts with a digit or '-', not '+'" },
		{ "{\"a\":\xc2\xa0"
		  "1}",
		  "1:6: error: syntax error: expected a value, found '\xc2\xa0' (U+00A0)" },
		/* After a value: a missing comma, a bracket that does not match, garbage. */
		{ "{\"a\": 1 \"b\": 2}",
		  "1:9: error: syntax error: expected ',' or '}', found '\"' (a missing comma?)" },
		{ "{\"a\": [1, 2}",
		  "1:12: error: syntax error: '}' does not close the '[' at line 1, column 7" },
		{ "{\"a\": 1} x",
		  "1:10: error: syntax error: unexpected 'x' after the end of the top-level value" },
		{ "{\"a\": 1}\n{\"b\": 2}",
		  "2:1: error: syntax error: unexpected '{' (one object per line? that is JSON Lines" },
		/* Truncated: at the end of the last token, naming what is open. */
		{ "{\"actors\": [{\"id\": ",
		  "1:19: error: syntax error: unexpected end of input: the '{' at line 1, column 13 is not closed" },
		{ "{\"a\": [1, 2,\n\n",
		  "1:13: error: syntax error: unexpected end of input: the '[' at line 1, column 7 is not closed" },
		{ "{\"a\": \"abc",
		  "1:11: error: syntax error: unterminated string (the '\"' at line 1, column 7 is not closed)" },
		/* Strings: control characters, escapes, surrogates. */
		{ "{\"title\": \"a\nb\"}", "1:13: error: syntax error: line break in a string" },
		{ "{\"title\": \"a\tb\"}",
		  "1:13: error: syntax error: tab character in a string (write it as \\t)" },
		{ "{\"title\": \"a\x1f"
		  "b\"}",
		  "1:13: error: syntax error: control character U+001F in a string (write it as \\u001F)" },
		{ "{\"a\": \"x\\qy\"}",
		  "1:9: error: syntax error: invalid escape: '\\' followed by 'q'" },
		{ "{\"a\": \"\\uZZZZ\"}",
		  "1:8: error: syntax error: '\\u' must be followed by four hex digits" },
		{ "{\"a\": \"\\u12\"}",
		  "1:8: error: syntax error: '\\u' must be followed by four hex digits" },
		{ "{\"a\": \"\\ud800\"}",
		  "1:8: error: syntax error: '\\ud800' must be followed by the second half of its surrogate pair" },
		{ "{\"a\": \"\\udc00\"}",
		  "1:8: error: syntax error: '\\udc00' is the second half of a surrogate pair, without the first" },
		{ "{\"a\": \"x\\u0000\"}",
		  "1:9: error: '\\u0000' (a NUL character) is not allowed in geopol strings" },
		/* Numbers cJSON takes and JSON does not. */
		{ "{\"a\":01}", "1:6: error: syntax error: leading zero in the number 01" },
		{ "{\"a\": -007.5}", "1:8: error: syntax error: leading zero in the number -007" },
		{ "{\"a\": 1.}",
		  "1:8: error: syntax error: a decimal point must be followed by a digit" },
		{ "{\"a\": 1.e5}",
		  "1:8: error: syntax error: a decimal point must be followed by a digit" },
		{ "{\"a\": -.5}", "1:8: error: syntax error: expected a digit after '-'" },
		{ "{\"a\": 1e}", "1:8: error: syntax error: an exponent needs digits" },
		/* Between tokens only space, tab, line feed and carriage return. */
		{ "{\"a\":\x0c"
		  "1}",
		  "1:6: error: syntax error: control character U+000C (only spaces, tabs and line breaks" },
		{ "\x0b{}", "1:1: error: syntax error: control character U+000B" },
		{ "{\"a\": \"x\"}\x01", "1:11: error: syntax error: control character U+0001" },
		{ " \x0c ", "1:2: error: syntax error: control character U+000C" },
	};
	check_syntax_cases("syn.json", cases, sizeof(cases) / sizeof(*cases));
	/* A second byte-order mark is no white space either. */
	static const syntax_case bom[] = {
		{ "\xef\xbb\xbf\xef\xbb\xbf{}",
		  "1:1: error: syntax error: expected a value, found '\xef\xbb\xbf' (U+FEFF)" },
	};
	check_syntax_cases("bom.json", bom, 1);
}

/*
 * Deep nesting is refused cleanly; cJSON's limit is 1000 levels, and the
 * scanner says so at the bracket past it.
 */
static void test_deep_nesting(void)
{
	enum { N = 5000 };
	static char open[N + 1], balanced[2 * N + 1], edge[2][2 * 1000 + 16];
	memset(open, '[', N);
	memset(balanced, '[', N);
	memset(balanced + N, ']', N);
	for (size_t depth = 999; depth <= 1000; depth++) {
		char *e = edge[depth - 999];
		size_t pos = (size_t)sprintf(e, "{\"x\": ");
		memset(e + pos, '[', depth);
		memset(e + pos + depth, ']', depth);
		strcpy(e + pos + 2 * depth, "}");
	}
	const load_case cases[] = {
		{
			.what = "deep nesting",
			.files = { { "deep.json", open } },
			.status = GP_EINVALID,
			.errors = 1,
			.diags = { "1:", "error" },
		},
		{
			.what = "deep nesting, balanced",
			.files = { { "deep2.json", balanced } },
			.status = GP_EINVALID,
			.errors = 1,
		},
		{
			/* 1000 levels with the object: only an unknown field. */
			.what = "deep nesting: 1000 levels",
			.files = { { "edge.json", edge[0] } },
			.warnings = 1,
			.diags = { "1:2: warning: unknown field 'x'" },
		},
		{
			.what = "deep nesting: 1001 levels",
			.files = { { "edge.json", edge[1] } },
			.status = GP_EINVALID,
			.errors = 1,
			.diags = { "1:1006: error: syntax error: nested deeper than 1000 levels" },
		},
	};
	RUN_CASES(cases);
}

/* --------------------------------------------------------- actor look-up */

static const char resolve_text[] =
	"{\"actors\": [\n"
	"{\"id\": \"usa\", \"name\": \"Alpha\", \"kind\": \"country\"},\n"
	"{\"id\": \"USA\", \"name\": \"United States\", \"kind\": \"country\", \"aliases\": [\"America\", \"US\"]},\n"
	"{\"id\": \"x1\", \"name\": \"Group One\", \"kind\": \"group\", \"aliases\": [\"Shared\"]},\n"
	"{\"id\": \"x2\", \"name\": \"Group Two\", \"kind\": \"group\", \"aliases\": [\"shared\"]},\n"
	"{\"id\": \"BRA\", \"name\": \"Brazil\", \"kind\": \"country\"}]}\n";

static void test_resolve_actor(void)
{
	test_diags d;
	gp_dataset *ds = NULL;
	test_diags_init(&d);
	CU_ASSERT_FATAL(test_load("r.json", resolve_text, &d, &ds) == GP_OK);
	gp_index i_usa = gp_dataset_find_actor(ds, "usa"), i_USA = gp_dataset_find_actor(ds, "USA");
	gp_index i_x1 = gp_dataset_find_actor(ds, "x1"), i_x2 = gp_dataset_find_actor(ds, "x2");
	gp_index i_bra = gp_dataset_find_actor(ds, "BRA");
	CU_ASSERT_FATAL(i_usa != GP_NONE && i_USA != GP_NONE && i_x1 != GP_NONE &&
			i_x2 != GP_NONE && i_bra != GP_NONE);
	gp_index out = GP_NONE;
	gp_index *c = NULL;
	size_t nc = 0;

	/* An exact id wins over a case-insensitive match of another id. */
	EXPECT_I64(gp_dataset_resolve_actor(&out, &c, &nc, ds, "USA"), GP_OK);
	EXPECT_I64(out, i_USA);
	free(c);
	c = NULL;
	EXPECT_I64(gp_dataset_resolve_actor(&out, &c, &nc, ds, "usa"), GP_OK);
	EXPECT_I64(out, i_usa);
	free(c);
	c = NULL;

	/* Names and aliases, case-insensitively. */
	EXPECT_I64(gp_dataset_resolve_actor(&out, NULL, NULL, ds, "united STATES"), GP_OK);
	EXPECT_I64(out, i_USA);
	EXPECT_I64(gp_dataset_resolve_actor(&out, NULL, NULL, ds, "AMERICA"), GP_OK);
	EXPECT_I64(out, i_USA);
	EXPECT_I64(gp_dataset_resolve_actor(&out, NULL, NULL, ds, "group two"), GP_OK);
	EXPECT_I64(out, i_x2);
	EXPECT_I64(gp_dataset_resolve_actor(&out, NULL, NULL, ds, "bra"), GP_OK);
	EXPECT_I64(out, i_bra);

	/* Two actors share an alias: ambiguous, both candidates. */
	EXPECT_I64(gp_dataset_resolve_actor(&out, &c, &nc, ds, "SHARED"), GP_EAMBIGUOUS);
	EXPECT_I64(nc, 2);
	if (nc == 2 && c) {
		CU_ASSERT((c[0] == i_x1 && c[1] == i_x2) || (c[0] == i_x2 && c[1] == i_x1));
	}
	free(c);
	c = NULL;

	/* Unknown: the close ones offered. */
	EXPECT_I64(gp_dataset_resolve_actor(&out, &c, &nc, ds, "Brasil"), GP_ENOTFOUND);
	CU_ASSERT(nc >= 1);
	int has_bra = 0;
	for (size_t k = 0; k < nc; k++) {
		has_bra |= c[k] == i_bra;
	}
	CU_ASSERT(has_bra);
	free(c);
	c = NULL;

	EXPECT_I64(gp_dataset_resolve_actor(&out, &c, &nc, ds, "qqqqqqqqqq"), GP_ENOTFOUND);
	EXPECT_I64(nc, 0);
	EXPECT_I64(out, GP_NONE);
	free(c);
	c = NULL;

	/* Candidates may be left out. */
	EXPECT_I64(gp_dataset_resolve_actor(&out, NULL, NULL, ds, "shared"), GP_EAMBIGUOUS);
	gp_dataset_free(ds);
	test_diags_release(&d);
}

/* ------------------------------------------------------------ registration */

static CU_TestInfo load_tests[] = {
	{ "a valid file", test_valid },
	{ "merging files", test_merge },
	{ "unknown actors", test_unknown_actors },
	{ "relative dates", test_relative_dates },
	{ "unknown event ids among many: suggestions", test_unknown_reference_suggestions_large },
	{ "links and part_of", test_links_and_part_of },
	{ "fields and values", test_fields },
	{ "duplicate key in a large map", test_duplicate_key_large_map },
	{ "JSON Lines", test_jsonl },
	{ "encodings", test_encodings },
	{ "syntax errors", test_syntax_errors },
	{ "deep nesting", test_deep_nesting },
	{ "resolve actor", test_resolve_actor },
	CU_TEST_INFO_NULL,
};

int gp_test_add_load(void)
{
	return gp_test_register("load", load_tests);
}
