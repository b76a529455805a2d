// The commit govq was built from, passed by scripts/install.sh as
// `-Xcc -DGOVQ_COMMIT='"<sha>"'` (a C macro can carry a value; a Swift condition cannot).
#ifndef GOVQ_BUILD_H
#define GOVQ_BUILD_H
/// The commit, or "" when the build was not told (a plain `swift build`).
const char *govq_build_commit(void);
#endif
