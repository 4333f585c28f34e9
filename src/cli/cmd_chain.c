/*
 * cmd_chain.c - `geopol chain EVENT`: what an event answered, back to the
 * first causes, and what answered it, forward (gp_timeline_chain).
 */
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol chain [FILTERS] [--format text|json] [-o OUT] EVENT FILE...\n\n"
	"The causal chain through the event with id EVENT, following its links\n"
	"(in_response_to, follows_from) both ways: what it answered or followed\n"
	"from, back to the first causes, and what answered or followed from it,\n"
	"forward; every event reached once, in timeline order, marked cause, event\n"
	"or effect, each with its links under it. Links are followed through every\n"
	"event; the filters choose which of those reached are listed (EVENT always\n"
	"is). An unknown EVENT exits 2, naming the closest ids.\n\n"
	"  --format F       text (default) or json: {\"geopol\": 1, \"kind\": \"chain\",\n"
	"                   \"event\", \"events\": [...], \"links\": [{\"from\", \"rel\", \"to\"}]}\n" CLI_HELP_OUT
		CLI_HELP_INPUT CLI_HELP_HELP "\n" CLI_HELP_FILTERS;

/* EVENT's index, or an exit code after saying that no event has that id, and which are close. */
static int find_event(const gp_dataset *ds, const char *id, gp_index *out)
{
	if ((*out = gp_dataset_find_event(ds, id)) != GP_NONE) {
		return -1;
	}
	const char *close[3];
	size_t n = gp_dataset_closest_events(close, 3, ds, id);
	if (!n) {
		return cli_error(CLI_EXIT_USAGE, "unknown event '%s' (no event has that id)", id);
	}
	fprintf(stderr, "geopol: unknown event '%s' (did you mean ", id);
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "%s'%s'", i == 0 ? "" : i + 1 == n ? " or " : ", ", close[i]);
	}
	fputs("?)\n", stderr);
	return CLI_EXIT_USAGE;
}

/* The chain of events through `event` that the filters list; -1, or an exit code (printed). */
static int chain_of(const gp_dataset *ds, const cli_opts *o, gp_index event, gp_index **chain,
		    int8_t **side, size_t *n)
{
	gp_filter f;
	gp_index *types = NULL;
	uint8_t *mask = NULL;
	int rc = cli_filter(ds, o, &f, &types, &mask);
	if (rc < 0) {
		int crc = gp_timeline_chain(chain, side, n, ds, &f, event);
		if (crc != GP_OK) {
			rc = cli_error(cli_exit_for(crc), "%s", gp_strerror(crc));
		}
	}
	free(types);
	free(mask);
	return rc;
}

int cmd_chain(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv,
			   CLI_OPT_FILTERS | CLI_OPT_FORMAT | CLI_OPT_OUT | CLI_OPT_STRICT |
				   CLI_OPT_INPUT | CLI_OPT_SKIP_BAD,
			   usage, &o);
	if (rc >= 0) {
		return rc;
	}
	static const char *const formats[] = { "text", "json", NULL };
	int k = 0;
	if (o.format && (rc = cli_pick("chain format", o.format, formats, &k)) >= 0) {
		return rc;
	}
	if (o.n_files < 2) {
		cli_error(CLI_EXIT_USAGE, "chain needs EVENT and at least one FILE");
		fputs(usage, stderr);
		return CLI_EXIT_USAGE;
	}
	const char *id = o.files[0];
	o.files++;
	o.n_files--;
	gp_timeline_options topts = GP_TIMELINE_OPTIONS_INIT;
	topts.format = k == 0 ? GP_TIMELINE_TEXT : GP_TIMELINE_JSON;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	gp_index event, *chain = NULL;
	int8_t *side = NULL;
	size_t n = 0;
	cli_output out = { 0 };
	if ((rc = find_event(ds, id, &event)) >= 0 ||
	    (rc = chain_of(ds, &o, event, &chain, &side, &n)) >= 0) {
		goto done;
	}
	if (n == 1) {
		fprintf(stderr,
			"geopol: note: '%s' is linked to no other selected event by in_response_to "
			"or follows_from\n",
			id);
	}
	if ((rc = cli_output_open(&out, o.out)) != CLI_EXIT_OK) {
		goto done;
	}
	topts.color = topts.format == GP_TIMELINE_TEXT && cli_color(&out);
	int wrc = gp_timeline_write_chain(out.fp, ds, event, chain, side, n, &topts);
	rc = cli_output_close(&out, wrc == GP_OK);
	if (wrc != GP_OK && rc == CLI_EXIT_OK) {
		rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
	}
done:
	free(chain);
	free(side);
	gp_dataset_free(ds);
	return rc;
}
