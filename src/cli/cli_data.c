/*
 * cli_data.c - inputs into a dataset (diagnostics on stderr), filters from the
 * options, and the graph the options ask for.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int can_stream(const cli_opts *o);
typedef struct {
	const gp_dataset *ds;
	gp_index *v;
	size_t n;
} index_list;
static int each_item(const char *list, int (*fn)(const char *item, void *ctx), void *ctx);
static int add_type(const char *name, void *ctx);

static void report_skipped(const gp_dataset *ds)
{
	uint64_t n = gp_dataset_skipped_rows(ds);
	if (n) {
		fprintf(stderr, "geopol: skipped %llu malformed row%s (--skip-bad)\n",
			(unsigned long long)n, n == 1 ? "" : "s");
	}
}

int cli_load(const cli_opts *o, gp_dataset **out, gp_diag_sink *sink)
{
	gp_dataset *ds = NULL;
	int rc = gp_dataset_new(&ds), io = 0, status;
	cli_diags diags;
	*out = NULL;
	if (rc != GP_OK) {
		return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
	}
	if (o->n_files == 0) {
		gp_dataset_free(ds);
		return cli_error(CLI_EXIT_USAGE,
				 "no input files (give FILE..., or - for standard input)");
	}
	gp_input_format fmt = o->input_format ? (gp_input_format)cli_input_format(o->input_format)
					      : GP_INPUT_AUTO;
	gp_dataset_set_skip_bad(ds, o->skip_bad);
	gp_dataset_set_brief_events(ds, o->graph_only);
	gp_index *pre_types = NULL;
	if (o->compact_rows != GP_ROWS_WHOLE) {
		/* Rows outside --from/--to/--type are not even kept (types: built-in ones). */
		gp_filter pre = GP_FILTER_INIT;
		gp_date d;
		if (o->from && gp_date_parse(&d, o->from, strlen(o->from), NULL) == 0) {
			pre.has_from = 1, pre.from = d.start;
		}
		if (o->to && gp_date_parse(&d, o->to, strlen(o->to), NULL) == 0) {
			pre.has_to = 1, pre.to = d.end;
		}
		if (o->types && can_stream(o)) {
			index_list l = { ds, NULL, 0 };
			/* Known names only: can_stream said they all are built in. */
			if (each_item(o->types, add_type, &l) < 0 && l.n) {
				pre.types = pre_types = l.v;
				pre.n_types = l.n;
			} else {
				free(l.v);
			}
		}
		/*
		 * Rows that keep their sources (2) are all kept, as whole rows
		 * were: a repeated id is an error even among rows filtered out.
		 */
		gp_dataset_set_compact_rows(ds, o->compact_rows,
					    o->compact_rows == GP_ROWS_COMPACT ? &pre : NULL);
	}
	cli_diags_start(&diags, sink, o->strict, o->files, o->n_files);
	for (int i = 0; i < o->n_files; i++) {
		rc = gp_dataset_load_file(ds, o->files[i], fmt, sink);
		if (rc == GP_EIO) {
			io = 1;
		} else if (rc != GP_OK && rc != GP_EINVALID) {
			cli_diags_print(&diags);
			gp_dataset_free(ds);
			free(pre_types);
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
	}
	rc = gp_dataset_finish(ds, sink);
	cli_diags_print(&diags);
	report_skipped(ds);
	free(pre_types);
	if (rc != GP_OK && rc != GP_EINVALID) {
		gp_dataset_free(ds);
		return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
	}
	status = io ? CLI_EXIT_IO : sink->errors ? CLI_EXIT_INVALID : CLI_EXIT_OK;
	if (status != CLI_EXIT_OK) {
		gp_dataset_free(ds);
		return status;
	}
	*out = ds;
	return CLI_EXIT_OK;
}

/* Split "a,b,c" in place-free fashion: calls fn for each non-empty item. */
static int each_item(const char *list, int (*fn)(const char *item, void *ctx), void *ctx)
{
	const char *p = list;
	char item[512];
	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n >= sizeof(item)) {
			return cli_error(CLI_EXIT_USAGE, "name too long in '%s'", list);
		}
		memcpy(item, p, n);
		item[n] = '\0';
		if (n) {
			int rc = fn(item, ctx);
			if (rc >= 0) {
				return rc;
			}
		}
		p += n + (q != NULL);
	}
	return -1;
}

static int add_index(index_list *l, gp_index x)
{
	gp_index *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (!nv) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	l->v = nv;
	l->v[l->n++] = x;
	return -1;
}

static int add_type(const char *name, void *ctx)
{
	index_list *l = ctx;
	gp_index t = gp_dataset_find_type(l->ds, name);
	if (t == GP_NONE) {
		const char *best = gp_dataset_closest_type(l->ds, name);
		if (best) {
			return cli_error(
				CLI_EXIT_USAGE,
				"--type: unknown event type '%s' (did you mean '%s'?); see 'geopol types'",
				name, best);
		}
		return cli_error(CLI_EXIT_USAGE,
				 "--type: unknown event type '%s'; see 'geopol types'", name);
	}
	return add_index(l, t);
}

int cli_resolve_actor(const gp_dataset *ds, const char *name, gp_index *out)
{
	gp_index *cands = NULL;
	size_t nc = 0;
	int rc = gp_dataset_resolve_actor(out, &cands, &nc, ds, name);
	if (rc == GP_OK) {
		return -1;
	}
	if (rc == GP_ENOMEM) {
		return cli_error(CLI_EXIT_INTERNAL, "out of memory");
	}
	if (rc == GP_EAMBIGUOUS) {
		cli_error(CLI_EXIT_USAGE, "actor name '%s' is ambiguous; it could be:", name);
	} else if (nc) {
		cli_error(CLI_EXIT_USAGE, "unknown actor '%s'; did you mean:", name);
	} else {
		cli_error(CLI_EXIT_USAGE, "unknown actor '%s' (no id, name or alias matches)",
			  name);
	}
	for (size_t i = 0; i < nc; i++) {
		const gp_actor *ac = gp_dataset_actor(ds, cands[i]);
		fprintf(stderr, "  %-20s %s (%s)\n", gp_actor_id(ac), gp_actor_name(ac),
			gp_actor_kind_name(gp_actor_kind_of(ac)));
	}
	free(cands);
	return CLI_EXIT_USAGE;
}

static int add_actor(const char *name, void *ctx)
{
	index_list *l = ctx;
	gp_index a;
	int rc = cli_resolve_actor(l->ds, name, &a);
	return rc >= 0 ? rc : add_index(l, a);
}

static int add_status(const char *name, void *ctx)
{
	/* The library's names, in gp_event_status_kind's order (as the help lists them). */
	const char *names[GP_STATUS_COUNT + 1];
	for (int i = 0; i < GP_STATUS_COUNT; i++) {
		names[i] = gp_status_name(i);
	}
	names[GP_STATUS_COUNT] = NULL;
	int k, rc = cli_pick("status", name, names, &k);
	if (rc < 0) {
		*(unsigned *)ctx |= 1u << k;
	}
	return rc;
}

/* --status and --min-grade into f; -1, or an exit code (printed). */
static int claim_filters(const cli_opts *o, gp_filter *f)
{
	int rc;
	if (o->statuses) {
		if ((rc = each_item(o->statuses, add_status, &f->statuses)) >= 0) {
			return rc;
		}
		if (!f->statuses) {
			return cli_error(CLI_EXIT_USAGE, "--status: no status given");
		}
	}
	if (o->sign) {
		f->sign = strcmp(o->sign, "conflict") == 0 ? GP_SIGN_CONFLICT : GP_SIGN_COOPERATION;
	}
	if (o->min_grade &&
	    gp_grade_parse(o->min_grade, &f->min_reliability, &f->min_credibility) != 0) {
		return cli_error(CLI_EXIT_USAGE,
				 "--min-grade: '%s' is not a grade: source reliability A-F and "
				 "information credibility 1-6, as B2",
				 o->min_grade);
	}
	return -1;
}

int cli_actor_list(const gp_dataset *ds, const char *opt, const char *list, gp_index **out,
		   size_t *n)
{
	index_list l = { ds, NULL, 0 };
	int rc = each_item(list, add_actor, &l);
	*out = NULL;
	*n = 0;
	if (rc < 0 && !l.n) {
		rc = cli_error(CLI_EXIT_USAGE, "%s: no actor given", opt);
	}
	if (rc >= 0) {
		free(l.v);
		return rc;
	}
	*out = l.v;
	*n = l.n;
	return -1;
}

int cli_filter(const gp_dataset *ds, const cli_opts *o, gp_filter *f, gp_index **types_out,
	       uint8_t **mask_out)
{
	gp_filter init = GP_FILTER_INIT;
	gp_date d;
	int rc;
	*f = init;
	*types_out = NULL;
	*mask_out = NULL;
	if (o->from) {
		if ((rc = cli_date("--from", o->from, &d)) >= 0) {
			return rc;
		}
		f->has_from = 1;
		f->from = d.start;
	}
	if (o->to) {
		if ((rc = cli_date("--to", o->to, &d)) >= 0) {
			return rc;
		}
		f->has_to = 1;
		f->to = d.end;
	}
	if ((rc = claim_filters(o, f)) >= 0) {
		return rc;
	}
	if (o->types) {
		index_list l = { ds, NULL, 0 };
		if ((rc = each_item(o->types, add_type, &l)) >= 0) {
			free(l.v);
			return rc;
		}
		*types_out = l.v;
		f->types = l.v;
		f->n_types = l.n;
		if (!l.n) {
			return cli_error(CLI_EXIT_USAGE, "--type: no type given");
		}
	}
	if (o->actors) {
		index_list l = { ds, NULL, 0 };
		if ((rc = each_item(o->actors, add_actor, &l)) >= 0) {
			free(l.v);
			return rc;
		}
		if (!l.n) {
			return cli_error(CLI_EXIT_USAGE, "--actor: no actor given");
		}
		rc = gp_filter_actor_mask(mask_out, ds, l.v, l.n);
		free(l.v);
		if (rc != GP_OK) {
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
		f->actor_mask = *mask_out;
	}
	return -1;
}

int cli_timeline_order(const gp_dataset *ds, const cli_opts *o, gp_index **order, size_t *n)
{
	gp_filter f;
	gp_index *types = NULL;
	uint8_t *mask = NULL;
	*order = NULL;
	*n = 0;
	int rc = cli_filter(ds, o, &f, &types, &mask);
	if (rc < 0) {
		int brc = gp_timeline_build(order, n, ds, &f);
		if (brc != GP_OK) {
			rc = cli_error(cli_exit_for(brc), "%s", gp_strerror(brc));
		} else if (*n == 0) {
			cli_no_events(o);
		}
	}
	/* The order holds event indexes only: the filter's lists can go. */
	free(types);
	free(mask);
	return rc;
}

int cli_dot_hubs(const cli_opts *o)
{
	return o->hubs == 1 ? 1 : o->hubs == 2 ? 0 : -1;
}

unsigned cli_max_event_ids(const cli_opts *o)
{
	/* Not given: every event of annotated data, the 10 earliest once imported rows are read. */
	return o->max_ids_given ? o->max_ids : GP_EVENT_IDS_AUTO;
}

/* Can the graph be built while reading? Not with --actor, nor custom --type names. */
static int can_stream(const cli_opts *o)
{
	if (o->actors || o->keep_events) {
		return 0;
	}
	if (!o->types) {
		return 1;
	}
	gp_dataset *ds = NULL;
	int ok = gp_dataset_new(&ds) == GP_OK;
	for (const char *p = o->types; ok && *p;) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(n < 255 ? n : 255), p);
		ok = !*name || gp_dataset_find_type(ds, name) != GP_NONE;
		p += n + (q != NULL);
	}
	gp_dataset_free(ds);
	return ok;
}

int cli_graph(const cli_opts *o, gp_dataset **ds_out, gp_graph **g_out)
{
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	gp_filter f;
	gp_index *types = NULL;
	uint8_t *mask = NULL;
	int rc;
	gp_graph *g = NULL;
	gp_graph_options go = GP_GRAPH_OPTIONS_INIT;
	*ds_out = NULL;
	*g_out = NULL;
	go.level = o->level;
	go.min_count = o->min_count;
	go.betweenness_pivots = o->pivots;
	go.max_event_ids = cli_max_event_ids(o);
	go.jobs = o->jobs;
	go.collapse_codes = o->nodes_only;
	go.sources_later = o->few_sources;
	go.no_analytics = o->no_analytics;
	if (can_stream(o)) {
		/* GDELT and ICEWS rows go straight into the graph: memory holds actors and edges. */
		if (o->n_files == 0) {
			return cli_error(CLI_EXIT_USAGE,
					 "no input files (give FILE..., or - for standard input)");
		}
		if ((rc = gp_dataset_new(&ds)) != GP_OK) {
			return cli_error(CLI_EXIT_INTERNAL, "%s", gp_strerror(rc));
		}
		gp_dataset_set_skip_bad(ds, o->skip_bad);
		gp_dataset_set_brief_events(ds, o->graph_only);
		if ((rc = cli_filter(ds, o, &f, &types, &mask)) >= 0) {
			gp_dataset_free(ds);
			return rc;
		}
		go.filter = &f;
		gp_input_format fmt = o->input_format
					      ? (gp_input_format)cli_input_format(o->input_format)
					      : GP_INPUT_AUTO;
		cli_diags diags;
		cli_diags_start(&diags, &sink, o->strict, o->files, o->n_files);
		rc = gp_graph_stream(&g, ds, (const char *const *)o->files, (size_t)o->n_files, fmt,
				     &go, &sink);
		cli_diags_print(&diags);
		report_skipped(ds);
		free(types);
		if (rc == GP_EINVALID || rc == GP_EIO) {
			gp_dataset_free(ds);
			return rc == GP_EIO ? CLI_EXIT_IO : CLI_EXIT_INVALID;
		}
	} else {
		if ((rc = cli_load(o, &ds, &sink)) != CLI_EXIT_OK) {
			return rc;
		}
		if ((rc = cli_filter(ds, o, &f, &types, &mask)) >= 0) {
			gp_dataset_free(ds);
			return rc;
		}
		go.filter = &f;
		rc = gp_graph_build(&g, ds, &go);
		free(types);
		free(mask);
	}
	if (rc != GP_OK) {
		gp_dataset_free(ds);
		if (rc == GP_ERROR) {
			return cli_error(CLI_EXIT_INTERNAL, "graph analytics failed: %s",
					 gp_graph_last_error());
		}
		return cli_error(cli_exit_for(rc), "%s", gp_strerror(rc));
	}
	*ds_out = ds;
	*g_out = g;
	return CLI_EXIT_OK;
}
