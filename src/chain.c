/*
 * chain.c - `geopol chain`: the causal chain through an event, following
 * the `in_response_to` and `follows_from` links (links.c) both ways, and
 * the chain written as text (the timeline's columns, a mark first) or JSON.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "json_util.h"
#include "timeline_impl.h"

/* The causal links, reversed (who links to each event), in CSR form over every event. */
typedef struct {
	uint32_t *start; /* nall + 1 */
	gp_index *from;
} incoming;

static int incoming_build(incoming *in, const gp_dataset *ds, size_t nall)
{
	size_t ne = ds->events.n, nl = 0;
	in->start = calloc(nall + 1, sizeof(*in->start));
	in->from = NULL;
	if (!in->start) {
		return GP_ENOMEM;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (gp_index x = 0; x < ne; x++) {
			const gp_event *ev = &ds->events.v[x];
			const gp_link *l = gp_dataset_event_links(ds, ev);
			for (uint32_t k = 0; k < ev->n_links; k++) {
				gp_index t = l[k].event;
				if (t == GP_NONE || t >= nall || !gp__link_is_causal(l[k].rel)) {
					continue;
				}
				if (pass == 0) {
					in->start[t + 1]++, nl++;
				} else {
					in->from[in->start[t]++] = x;
				}
			}
		}
		if (pass == 0) {
			for (size_t i = 0; i < nall; i++) {
				in->start[i + 1] += in->start[i];
			}
			if (!(in->from = malloc((nl ? nl : 1) * sizeof(*in->from)))) {
				return GP_ENOMEM;
			}
		}
	}
	/* The fill moved each start to the next one's: back by one place. */
	memmove(in->start + 1, in->start, nall * sizeof(*in->start));
	in->start[0] = 0;
	return GP_OK;
}

/*
 * Walk from `event` one way (dir -1: the events it links to; +1: those
 * that link to it), marking each event reached for the first time with dir
 * in side[]; queue has room for every event.
 */
static void walk(int8_t *side, gp_index *queue, const gp_dataset *ds, const incoming *in,
		 gp_index event, int dir)
{
	size_t head = 0, tail = 0, ne = ds->events.n;
	queue[tail++] = event;
	while (head < tail) {
		gp_index x = queue[head++];
		if (dir < 0) {
			if (x >= ne) {
				continue; /* a kept row links nowhere */
			}
			const gp_event *ev = &ds->events.v[x];
			const gp_link *l = gp_dataset_event_links(ds, ev);
			for (uint32_t k = 0; k < ev->n_links; k++) {
				gp_index t = l[k].event;
				if (t != GP_NONE && gp__link_is_causal(l[k].rel) && !side[t]) {
					side[t] = -1;
					queue[tail++] = t;
				}
			}
		} else {
			for (uint32_t k = in->start[x]; k < in->start[x + 1]; k++) {
				if (!side[in->from[k]]) {
					side[in->from[k]] = 1;
					queue[tail++] = in->from[k];
				}
			}
		}
	}
}

int gp_timeline_chain(gp_index **out, int8_t **side_out, size_t *n, const gp_dataset *ds,
		      const gp_filter *f, gp_index event)
{
	size_t nall = gp_dataset_event_count(ds), k = 0;
	*out = NULL;
	*n = 0;
	if (side_out) {
		*side_out = NULL;
	}
	if (event >= nall) {
		return GP_ENOTFOUND;
	}
	incoming in = { NULL, NULL };
	int8_t *side = calloc(nall, 1);
	gp_index *queue = malloc(nall * sizeof(*queue)), *v = NULL;
	int8_t *sv = NULL;
	if (!side || !queue || incoming_build(&in, ds, nall)) {
		goto oom;
	}
	side[event] = 2; /* reached: neither way goes through it again */
	walk(side, queue, ds, &in, event, -1);
	walk(side, queue, ds, &in, event, +1);
	for (gp_index x = 0; x < nall; x++) {
		if (side[x] && (x == event || gp_filter_match(ds, f, gp_dataset_event(ds, x)))) {
			queue[k++] = x;
		}
	}
	gp__timeline_sort(ds, queue, k);
	v = malloc(k * sizeof(*v));
	sv = malloc(k);
	if (!v || !sv) {
		goto oom;
	}
	for (size_t i = 0; i < k; i++) {
		v[i] = queue[i];
		sv[i] = (int8_t)(queue[i] == event ? 0 : side[queue[i]]);
	}
	free(side), free(queue), free(in.start), free(in.from);
	*out = v;
	*n = k;
	if (side_out) {
		*side_out = sv;
	} else {
		free(sv);
	}
	return GP_OK;
oom:
	free(side), free(queue), free(in.start), free(in.from), free(v), free(sv);
	return GP_ENOMEM;
}

/* ------------------------------------------------------------------ text */

static const char *const marks[] = { "cause", "event", "effect" };

static int write_chain_text(FILE *fp, const gp_dataset *ds, gp_index event, const gp_index *chain,
			    const int8_t *side, size_t n, const gp_timeline_options *o)
{
	const char **m = malloc((n ? n : 1) * sizeof(*m));
	size_t causes = 0, effects = 0;
	if (!m) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		m[i] = marks[side[i] + 1];
		causes += side[i] < 0;
		effects += side[i] > 0;
	}
	fprintf(fp, "Causal chain through %s: %zu cause%s, %zu effect%s\n\n",
		gp_dataset_event(ds, event)->id, causes, causes == 1 ? "" : "s", effects,
		effects == 1 ? "" : "s");
	int rc = gp__timeline_write_text(fp, ds, chain, n, o, m);
	free(m);
	return rc;
}

/* ------------------------------------------------------------------ json */

/* {"from", "rel", "to"}: the causal links between events of the chain, in its order, as a list. */
static int chain_links_json(FILE *fp, const gp_dataset *ds, const gp_index *chain, size_t n)
{
	size_t nall = gp_dataset_event_count(ds), written = 0;
	uint8_t *listed = calloc(nall ? nall : 1, 1);
	if (!listed) {
		return GP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		listed[chain[i]] = 1;
	}
	int rc = GP_OK;
	gp__json_stream_list(fp, "links");
	for (size_t i = 0; i < n && rc == GP_OK; i++) {
		if (chain[i] >= ds->events.n) {
			continue; /* a kept row has no links */
		}
		const gp_event *ev = &ds->events.v[chain[i]];
		const gp_link *l = gp_dataset_event_links(ds, ev);
		for (uint32_t k = 0; k < ev->n_links && rc == GP_OK; k++) {
			if (l[k].event == GP_NONE || !listed[l[k].event] ||
			    !gp__link_is_causal(l[k].rel)) {
				continue;
			}
			cJSON *lo = cJSON_CreateObject();
			if (!lo || gp__json_add(lo, "from", cJSON_CreateString(ev->id)) ||
			    gp__json_add(lo, "rel", cJSON_CreateString(l[k].rel)) ||
			    gp__json_add(
				    lo, "to",
				    cJSON_CreateString(gp_dataset_event(ds, l[k].event)->id))) {
				cJSON_Delete(lo);
				lo = NULL;
			}
			rc = gp__json_stream_item(fp, lo, written++ == 0) ? GP_ENOMEM : GP_OK;
		}
	}
	free(listed);
	if (rc == GP_OK) {
		gp__json_stream_end_list(fp);
	}
	return rc;
}

/* Laid out as the timeline JSON is: the head, then an event a line, then a link a line. */
static int write_chain_json(FILE *fp, const gp_dataset *ds, gp_index event, const gp_index *chain,
			    size_t n, const gp_timeline_options *o)
{
	cJSON *head = cJSON_CreateObject();
	if (!head || gp__json_add(head, "geopol", cJSON_CreateNumber(1)) ||
	    gp__json_add(head, "kind", cJSON_CreateString("chain")) ||
	    gp__json_add(head, "event", cJSON_CreateString(gp_dataset_event(ds, event)->id))) {
		cJSON_Delete(head);
		return GP_ENOMEM;
	}
	if (gp__json_stream_head(fp, head)) {
		return GP_ENOMEM;
	}
	gp__json_stream_list(fp, "events");
	for (size_t i = 0; i < n; i++) {
		if (gp__json_stream_item(
			    fp, gp__timeline_event_json(ds, gp_dataset_event(ds, chain[i]), o),
			    i == 0)) {
			return GP_ENOMEM;
		}
	}
	gp__json_stream_end_list(fp);
	int rc = chain_links_json(fp, ds, chain, n);
	if (rc == GP_OK) {
		gp__json_stream_end(fp);
	}
	return rc;
}

int gp_timeline_write_chain(FILE *fp, const gp_dataset *ds, gp_index event, const gp_index *chain,
			    const int8_t *side, size_t n, const gp_timeline_options *opts)
{
	gp_timeline_options def = GP_TIMELINE_OPTIONS_INIT;
	const gp_timeline_options *o = opts ? opts : &def;
	int rc;
	if (event >= gp_dataset_event_count(ds)) {
		return GP_ENOTFOUND;
	}
	switch (o->format) {
	case GP_TIMELINE_TEXT: rc = write_chain_text(fp, ds, event, chain, side, n, o); break;
	case GP_TIMELINE_JSON: rc = write_chain_json(fp, ds, event, chain, n, o); break;
	default: return GP_ERROR;
	}
	if (rc == GP_OK && ferror(fp)) {
		rc = GP_EIO;
	}
	return rc;
}
