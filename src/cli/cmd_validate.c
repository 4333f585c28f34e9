/*
 * cmd_validate.c - `geopol validate [--strict] FILE...`: every problem in one run.
 */
#include "cli.h"

static const char usage[] =
	"usage: geopol validate [--strict] [--input-format F] [--skip-bad] FILE...\n\n"
	"Check geopol event files (DESIGN §1) and report every problem found, as\n"
	"FILE:LINE:COLUMN: error|warning: MESSAGE. FILE may be - for standard input.\n\n" CLI_HELP_INPUT
		CLI_HELP_HELP "\n"
	"Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage, 3 unreadable file.\n";

int cmd_validate(int argc, char **argv)
{
	cli_opts o;
	int rc =
		cli_parse(argc, argv, CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD, usage, &o);
	if (rc >= 0) {
		return rc;
	}
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds = NULL;
	rc = cli_load(&o, &ds, &sink);
	if (rc == CLI_EXIT_OK) {
		size_t ne = gp_dataset_event_count(ds), na = gp_dataset_actor_count(ds);
		printf("ok: %d file%s, %zu event%s, %zu actor%s", o.n_files,
		       o.n_files == 1 ? "" : "s", ne, ne == 1 ? "" : "s", na, na == 1 ? "" : "s");
		if (sink.warnings) {
			printf(", %zu warning%s", sink.warnings, sink.warnings == 1 ? "" : "s");
		}
		printf("\n");
	} else if (rc == CLI_EXIT_INVALID) {
		fprintf(stderr, "%zu error%s, %zu warning%s\n", sink.errors,
			sink.errors == 1 ? "" : "s", sink.warnings, sink.warnings == 1 ? "" : "s");
	}
	gp_dataset_free(ds);
	return rc;
}
