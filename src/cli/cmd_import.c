/*
 * cmd_import.c - `geopol import gdelt|icews|auto FILE... -o events.jsonl`:
 * machine-coded event data (or any input geopol reads) as geopol JSON Lines.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol import gdelt|icews|auto [--skip-bad] [-o OUT] FILE...\n\n"
	"Convert GDELT 1.0/2.0 event exports or ICEWS coded event files (gzipped or\n"
	"not; - for standard input) to geopol JSON Lines, which every command reads.\n"
	"'auto' tells the format from the content (also accepts geopol JSON).\n"
	"docs/import.md describes the mapping column by column.\n\n"
	"  --skip-bad       count and skip malformed rows instead of stopping\n" CLI_HELP_OUT
	"  --strict         treat warnings as errors\n" CLI_HELP_HELP;

int cmd_import(int argc, char **argv)
{
	cli_opts o;
	int rc = cli_parse(argc, argv, CLI_OPT_OUT | CLI_OPT_STRICT | CLI_OPT_SKIP_BAD, usage, &o);
	if (rc >= 0) {
		return rc;
	}
	if (o.n_files < 2) {
		cli_error(CLI_EXIT_USAGE,
			  "import needs a format (gdelt, icews or auto) and at least one FILE");
		fputs(usage, stderr);
		return CLI_EXIT_USAGE;
	}
	static const char *const formats[] = { "gdelt", "icews", "auto", "json", "jsonl", NULL };
	if ((rc = cli_pick("import format", o.files[0], formats, &(int){ 0 })) >= 0) {
		return rc;
	}
	o.input_format = strcmp(o.files[0], "auto") == 0 ? NULL : o.files[0];
	o.files++;
	o.n_files--;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	gp_dataset *ds;
	if ((rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	cli_output out;
	if ((rc = cli_output_open(&out, o.out)) == CLI_EXIT_OK) {
		int wrc = gp_dataset_write_jsonl(out.fp, ds);
		rc = cli_output_close(&out, wrc == GP_OK);
		if (wrc != GP_OK && rc == CLI_EXIT_OK) {
			rc = cli_error(cli_exit_for(wrc), "%s", gp_strerror(wrc));
		}
	}
	gp_dataset_free(ds);
	return rc;
}
