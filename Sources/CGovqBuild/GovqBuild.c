#include "GovqBuild.h"

#ifndef GOVQ_COMMIT
#define GOVQ_COMMIT ""
#endif

const char *govq_build_commit(void) { return GOVQ_COMMIT; }
