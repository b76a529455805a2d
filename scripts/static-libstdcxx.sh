#!/usr/bin/env bash
# scripts/static-libstdcxx.sh SCRATCH → the swift build flags that link libstdc++ into the
# binary (nothing when its archive is not installed). The static Swift runtime asks for
# -lstdc++, which the linker resolves to libstdc++.so; a folder that holds only libstdc++.a,
# searched first, makes it the archive. The dynamic loader then no longer maps and relocates
# libstdc++.so (and libgcc_s's users) at every start of govq. A PDF, HTML or DOCX read later
# loads poppler or libxml2 (dlopen) with the shared libstdc++ they need; the binary's own copy
# is not exported (the runtime links with --exclude-libs ALL), so the two do not meet.
set -euo pipefail
scratch=${1:?usage: scripts/static-libstdcxx.sh SCRATCH}
archive=$( (clang -print-file-name=libstdc++.a || cc -print-file-name=libstdc++.a) 2>/dev/null | head -1)
[ -f "$archive" ] || exit 0
dir="$(cd "$(dirname "$0")/.." && pwd)/$scratch/static-libstdc++"
case "$scratch" in /*) dir="$scratch/static-libstdc++" ;; esac
mkdir -p "$dir"
ln -sf "$archive" "$dir/libstdc++.a"
echo "-Xlinker -L$dir"
