/*
 * cmd_types.c - `geopol types [FILE...]`: the event type table.
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: geopol types [FILE...]\n\n"
	"List the built-in event types: name, label, default weight on the Goldstein\n"
	"scale (-10 most conflictual .. +10 most cooperative) and CAMEO QuadClass\n"
	"(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material\n"
	"conflict), and the CAMEO root codes mapped to them. With FILEs, the types\n"
	"those files define or override are included.\n\n" CLI_HELP_INPUT CLI_HELP_HELP;

static void row(const gp_type *t, int root)
{
	char roots[16] = "";
	if (root) {
		snprintf(roots, sizeof(roots), "%02d", root);
	}
	printf("%-24s %-24s %+6.1f  %d  %s%s\n", t->name, t->label, t->weight, t->quad, roots,
	       t->builtin ? ""
	       : t->known ? "  (defined in a file)"
			  : "  (unknown type)");
}

int cmd_types(int argc, char **argv)
{
	cli_opts o;
	int rc =
		cli_parse(argc, argv, CLI_OPT_STRICT | CLI_OPT_INPUT | CLI_OPT_SKIP_BAD, usage, &o);
	if (rc >= 0) {
		return rc;
	}
	gp_dataset *ds = NULL;
	gp_diag_sink sink = GP_DIAG_SINK_INIT;
	if (o.n_files > 0 && (rc = cli_load(&o, &ds, &sink)) != CLI_EXIT_OK) {
		return rc;
	}
	printf("%-24s %-24s %6s  %s  %s\n", "TYPE", "LABEL", "WEIGHT", "QUAD", "CAMEO ROOT");
	size_t n = ds ? gp_dataset_type_count(ds) : gp_builtin_type_count();
	for (size_t i = 0; i < n; i++) {
		const gp_type *t = ds ? gp_dataset_type(ds, (gp_index)i) : gp_builtin_type(i);
		int root = 0;
		for (int r = 1; r <= 20; r++) {
			if (strcmp(gp_cameo_root_type(r), t->name) == 0) {
				root = r;
			}
		}
		row(t, root);
	}
	gp_dataset_free(ds);
	return CLI_EXIT_OK;
}
