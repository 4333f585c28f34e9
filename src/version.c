#include "geopol/geopol.h"

const char *gp_version(void)
{
	return GEOPOL_VERSION;
}
