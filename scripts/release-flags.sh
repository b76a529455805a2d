#!/usr/bin/env bash
# scripts/release-flags.sh SCRATCH → the `swift build` flags of govq's release binary, beyond
# -c release --static-swift-stdlib --disable-local-rpath (scripts/install.sh says why each):
#   - libstdc++ and the unwinder linked in (scripts/static-libstdcxx.sh);
#   - no PIE and no exported symbol (scripts/no-exports.map);
#   - every function in a section of its own, linked by lld in the order of
#     scripts/hot-functions.txt: the code a query runs lies together, so that a query maps about
#     60 pages of code rather than 115, each a page fault of about 2 µs here (the stdlib's archive
#     is built with function sections already; govq's own modules and C targets are so built
#     here). A name in the list that no longer exists is skipped; the order only moves code;
#   - govq's own private functions (no symbol to list) kept together before the code
#     (scripts/link/private-functions.ld);
#   - zlib linked in from libz.a (scripts/link/ld.lld, when the system has libz.a): one shared
#     library fewer to load at every start.
# Without ld.lld (the Swift toolchain ships it) the list is not used.
set -euo pipefail
scratch=${1:?usage: scripts/release-flags.sh SCRATCH}
root="$(cd "$(dirname "$0")/.." && pwd)"
flags=(-Xlinker -no-pie -Xlinker "--version-script=$root/scripts/no-exports.map")
read -ra cxx <<< "$("$root/scripts/static-libstdcxx.sh" "$scratch")"
flags+=("${cxx[@]}")
swiftc=$(command -v swiftc || true)
if [ -n "$swiftc" ] && [ -x "$(dirname "$(readlink -f "$swiftc")")/ld.lld" ]; then
    linker=lld
    case "$(cc -print-file-name=libz.a 2>/dev/null)" in /*) linker="$root/scripts/link/ld.lld" ;; esac
    flags+=(-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
            -Xswiftc "-use-ld=$linker")
    if [ -s "$root/scripts/hot-functions.txt" ]; then
        flags+=(-Xlinker "--symbol-ordering-file=$root/scripts/hot-functions.txt" -Xlinker --no-warn-symbol-ordering)
    fi
    flags+=(-Xlinker -T -Xlinker "$root/scripts/link/private-functions.ld")
fi
echo "${flags[@]}"
