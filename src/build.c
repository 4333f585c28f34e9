/*
 * build.c - gp_graph_build: the graph of the events a dataset holds, through
 * the aggregator (agg.c), their actors mapped to the level (mapping.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "graph_impl.h"

/* Is the event an imported row's ("gdelt-N", "icews-N")? Its number in *n. */
static int imported_event(const gp_event *ev, uint64_t *n)
{
	int icews;
	return gp__imported_number(ev->id, strlen(ev->id), n, &icews);
}

uint64_t gp__event_seq(const gp_event *ev)
{
	uint64_t n;
	/*
	 * Input order for the graph. Imported rows take their number (below
	 * 2^52), as when rows are streamed, so stored and streamed graphs list
	 * tied events alike; other events come after them by their place in the
	 * input (not their index, which compact rows kept beside the events
	 * would shift): two ranges that never meet, exact in a partial graph.
	 */
	return imported_event(ev, &n) ? n : ((uint64_t)1 << 52) + ev->order;
}

static int64_t micro(double w)
{
	return (int64_t)llround(w * GP_WEIGHT_SCALE);
}

static int type_passes(const gp_filter *f, gp_index type)
{
	size_t k = 0;
	while (f->types && k < f->n_types && f->types[k] != type) {
		k++;
	}
	return !f->types || k < f->n_types;
}

/* Events of at most one source and one target go through gp__agg_rows, a batch at a time. */
static int flush_kept(gp_agg *a, gp_agg_row *batch, size_t *n)
{
	int rc = *n ? gp__agg_rows(a, batch, *n) : GP_OK;
	*n = 0;
	return rc;
}

int gp__agg_add_kept(gp_agg *a, const gp_dataset *ds, const gp_filter *filter, int level)
{
	gp_index buf[64], *mapped = buf;
	size_t cap = 64, nb = 0;
	gp_agg_row batch[GP_AGG_BATCH];
	gp_mapper mp;
	memset(&mp, 0, sizeof(mp));
	mp.level = level;
	int rc = GP_OK;
	/*
	 * Imported rows among the kept events (from JSON Lines): list as for rows
	 * read directly. Compact rows are all imported; full events say by id.
	 */
	int imported = ds->rows.n > 0;
	for (gp_index i = 0; !imported && i < ds->events.n; i++) {
		uint64_t n;
		imported = imported_event(&ds->events.v[i], &n);
	}
	if (imported) {
		gp__agg_imported(a);
	}
	size_t ne = ds->events.n;
	for (gp_index i = 0; rc == GP_OK && i < gp_dataset_event_count(ds); i++) {
		if (i >= ne) {
			/* A kept row: straight into the batch, rebuilt as an event only for --actor. */
			const gp_row *row = &ds->rows.v[i - ne];
			if (filter && filter->actor_mask &&
			    !gp_filter_match(ds, filter, gp_dataset_event(ds, i))) {
				continue;
			}
			gp_evref rr = { .start = gp__row_start(row),
					.end = gp__row_start(row) + 86399,
					.seq = row->id,
					.id = row->id,
					.prec = GP_PREC_DAY,
					.kind = row->icews ? GP_EVREF_ICEWS : GP_EVREF_GDELT,
					.src = row->src };
			if (filter &&
			    ((filter->has_from && rr.end < filter->from) ||
			     (filter->has_to && rr.start > filter->to) ||
			     !type_passes(filter, row->type) || !gp__filter_keeps_plain(filter) ||
			     !gp_filter_sign_match(filter, row->weight))) {
				continue;
			}
			gp_agg_row *b = &batch[nb++];
			b->ref = rr;
			b->w = micro(row->weight);
			b->type = row->type;
			b->status = GP_STATUS_REPORTED;
			b->s = gp__mapper_map(&mp, ds, row->actor[0], gp__row_start(row));
			b->t = row->n_source + row->n_target == 2
				       ? gp__mapper_map(&mp, ds, row->actor[1], gp__row_start(row))
				       : GP_NONE;
			if (nb == GP_AGG_BATCH) {
				rc = flush_kept(a, batch, &nb);
			}
			continue;
		}
		const gp_event *ev = gp_dataset_event(ds, i);
		if (!gp_filter_match(ds, filter, ev)) {
			continue;
		}
		const gp_index *act = gp_dataset_event_actors(ds, ev, GP_ROLE_SOURCE);
		size_t ns = ev->n_actors[GP_ROLE_SOURCE], nt = ev->n_actors[GP_ROLE_TARGET];
		size_t np = ev->n_actors[GP_ROLE_PARTICIPANT], n = ns + nt + np;
		/* Its sources stay in the dataset (gp__evref_source): src NULL. */
		gp_evref r = { .start = ev->date.start,
			       .end = ev->date.end,
			       .seq = gp__event_seq(ev),
			       .id = i,
			       .prec = ev->date.start_prec,
			       .kind = GP_EVREF_DATASET,
			       .qual = gp__date_qual(&ev->date) };
		if (ns <= 1 && nt <= 1 && np == 0 && n > 0) {
			gp_agg_row *b = &batch[nb++];
			b->ref = r;
			b->w = micro(ev->weight);
			b->type = ev->type;
			b->status = ev->status;
			b->s = gp__mapper_map(&mp, ds, act[0], ev->date.start);
			b->t = n == 2 ? gp__mapper_map(&mp, ds, act[1], ev->date.start) : GP_NONE;
			if (nb == GP_AGG_BATCH) {
				rc = flush_kept(a, batch, &nb);
			}
			continue;
		}
		if (n > cap) {
			gp_index *m = realloc(mapped == buf ? NULL : mapped, n * sizeof(*m));
			if (!m) {
				rc = GP_ENOMEM;
				break;
			}
			mapped = m, cap = n;
		}
		for (size_t k = 0; k < n; k++) {
			mapped[k] = gp__mapper_map(&mp, ds, act[k], ev->date.start);
		}
		rc = gp__agg_event(a, &r, ev->type, micro(ev->weight), ev->status, mapped, ns, nt,
				   np);
	}
	if (rc == GP_OK) {
		rc = flush_kept(a, batch, &nb);
	}
	if (mapped != buf) {
		free(mapped);
	}
	gp__mapper_free(&mp);
	return rc;
}

int gp_graph_build(gp_graph **out, const gp_dataset *ds, const gp_graph_options *opts)
{
	gp_graph_options defaults = GP_GRAPH_OPTIONS_INIT;
	const gp_graph_options *o = opts ? opts : &defaults;
	gp_agg *a = NULL;
	*out = NULL;
	if (!ds->finished) {
		/* Relative dates and actors' countries are resolved by gp_dataset_finish(). */
		gp__graph_set_error("the dataset is not finished: call gp_dataset_finish() first");
		return GP_ERROR;
	}
	int rc = gp__agg_new(&a, ds, o->level, o->max_event_ids);
	if (rc == GP_OK) {
		rc = gp__agg_add_kept(a, ds, o->filter, o->level);
	}
	if (rc == GP_OK) {
		rc = gp__agg_graph(a, o, out);
	}
	gp__agg_free(a);
	return rc;
}
