#!/usr/bin/env bash
# Installs govq: scripts/install.sh [PREFIX]   (default /usr/local)
#   PREFIX/bin/govq                                        the binary, with the Swift runtime inside
#   PREFIX/share/bash-completion/completions/govq          shell completion, as swift-argument-parser
#   PREFIX/share/zsh/site-functions/_govq                  generates it
#   PREFIX/share/fish/vendor_completions.d/govq.fish
# The binary is built with the static Swift runtime (--static-swift-stdlib), so at run time it
# needs only Debian's libraries (libc, libm, libz, libgcc_s; see `ldd PREFIX/bin/govq`; libreadline8 for
# the REPL, libxml2 for HTML and DOCX, poppler-glib for PDF, each loaded when first needed), and the sample reports
# are compiled into it: a copy works anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"

# Headers at build time (readline and libxml2 are loaded with dlopen when first needed).
dpkg -s libreadline-dev libxml2-dev >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreadline-dev libxml2-dev
}

commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit+changes"
# libstdc++ linked in too (scripts/static-libstdcxx.sh): one library fewer to load at every start.
# No $ORIGIN runpath (--disable-local-rpath): the binary needs no library beside it, and with
# one the dynamic loader looked for libm, libz and libc in 15 folders under the binary's own
# before the system's: 41 system calls at every start, 39 of them failing.
# No symbol exported (scripts/no-exports.map says why). Functions in sections of their own, linked
# by lld with a query's code together (scripts/release-flags.sh, scripts/hot-functions.txt).
read -ra release_flags <<< "$(scripts/release-flags.sh .build)"
build=(swift build -c release --product govq --static-swift-stdlib --disable-local-rpath "${release_flags[@]}" -Xcc "-DGOVQ_COMMIT=\"$commit\"")
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/govq"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -s -m 0755 "$bin" "$prefix/bin/govq"   # stripped: 61 MB rather than 81
"$prefix/bin/govq" --generate-completion-script bash > "$prefix/share/bash-completion/completions/govq"
"$prefix/bin/govq" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_govq"
"$prefix/bin/govq" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/govq.fish"
echo "installed $("$prefix/bin/govq" --version) to $prefix/bin/govq" >&2
