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
# The unwinder likewise: -lgcc_s found as libgcc_eh.a (the same code as libgcc_s.so, which the
# linker would take otherwise), so libgcc_s.so is neither loaded nor run at every start: its
# constructor asks the CPU's model by a dozen CPUID instructions, each a trap to the hypervisor
# in a virtual machine.
eh=$( (clang -print-file-name=libgcc_eh.a || cc -print-file-name=libgcc_eh.a) 2>/dev/null | head -1)
if [ -f "$eh" ]; then ln -sf "$eh" "$dir/libgcc_s.a"; fi
echo "-Xlinker -L$dir"
