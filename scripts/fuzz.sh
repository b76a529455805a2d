#!/usr/bin/env bash
# Builds and runs govq's libFuzzer targets (see README "Hardening").
#
#   scripts/fuzz.sh parser [seconds] [libFuzzer flags…]   query text → parse → plan → execute
#   scripts/fuzz.sh loader [seconds] [libFuzzer flags…]   report bytes → ReportParser.parse
#   scripts/fuzz.sh html [seconds] [libFuzzer flags…]     page bytes → HTMLReader (libxml2) → the table reader
#   scripts/fuzz.sh docx [seconds] [libFuzzer flags…]     document.xml bytes → DOCXReader (libxml2), zips → ZIPFoundation
#   scripts/fuzz.sh build                                  build both, run nothing
#   scripts/fuzz.sh merge parser|loader|html|docx                    minimise the work corpus into Fuzz/corpus (inputs cut to 8 KB)
#
# Each module is compiled on its own with coverage and AddressSanitizer (LeakSanitizer on),
# so the fuzz entry imports them exactly as govq does. New inputs go to a work corpus under
# .build-fuzz/; the committed corpus Fuzz/corpus/<target> stays small (merge to update it).
# Crashes, leaks and hangs are written to Fuzz/crashers/<target>/ and become regression tests
# in Tests/GovqHardeningTests.
set -euo pipefail
cd "$(dirname "$0")/.."

# FUZZ_SANITIZE=fuzzer drops AddressSanitizer for speed (Swift checks bounds itself; ASan
# watches the unsafe pointers around iconv). Each choice builds into its own folder.
sanitize=${FUZZ_SANITIZE:-fuzzer,address}
out=.build-fuzz/${sanitize//,/-}
work=.build-fuzz/work
flags=(-O -use-ld=lld -sanitize="$sanitize" -parse-as-library -I "$out")

# The C libraries behind the document readers (their module maps, and their headers' folders).
cflags=(-I .build/checkouts/ZIPFoundation/Sources/CZLib)
for f in $(pkg-config --cflags-only-I libxml-2.0 poppler-glib); do cflags+=(-Xcc "$f"); done
libs=(-lpoppler-glib -lgobject-2.0 -lglib-2.0 -lz -ldl)   # libxml2 and readline: dlopen, as govq does

build_module() {  # name [source folder] [flags…]; the modules it needs already built
    local name=$1 dir=${2:-Sources/$1}
    shift 2 2>/dev/null || shift $#
    local stamp="$out/$name.o"
    if [[ -f $stamp && -z $(find "$dir" -newer "$stamp" -name '*.swift' | head -1) ]]; then return; fi
    echo "fuzz: compiling $name" >&2
    swiftc "${flags[@]}" "${cflags[@]}" "$@" -wmo -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-object -o "$out/$name.o" "$dir"/*.swift
}

build() {
    mkdir -p "$out"
    # Two runs started together must not compile into the same files.
    exec 9>"$out/.build-lock"
    flock 9
    local m
    [[ -d .build/checkouts/ZIPFoundation ]] || swift package resolve
    build_module ZIPFoundation .build/checkouts/ZIPFoundation/Sources/ZIPFoundation -swift-version 5 -Xcc -D_GNU_SOURCE=1
    local m
    # poppler's and libxml2's loader shims (C targets): their objects, and module maps for their headers.
    printf 'module CGovqPoppler {\n    header "%s"\n    export *\n}\nmodule CLibXML2 {\n    header "%s"\n    export *\n}\n' \
        "$PWD/Sources/CGovqPoppler/include/GovqPoppler.h" "$PWD/Sources/CLibXML2/include/shim.h" > "$out/module.modulemap"
    clang -O1 -c Sources/CGovqPoppler/GovqPoppler.c -I Sources/CGovqPoppler/include -o "$out/CGovqPoppler.o"
    clang -O1 -c Sources/CLibXML2/GovqLibXML2.c -I Sources/CLibXML2/include -I /usr/include/libxml2 -o "$out/CLibXML2.o"
    clang -O2 -c Sources/CLibXML2/GovqPlainBytes.c -o "$out/CLibXML2Plain.o"
    # The loader's byte kernels (a C target too): the same.
    printf 'module CGovqText {\n    header "%s"\n    export *\n}\n' "$PWD/Sources/CGovqText/include/GovqText.h" >> "$out/module.modulemap"
    clang -O2 -c Sources/CGovqText/GovqText.c -I Sources/CGovqText/include -o "$out/CGovqText.o"
    for m in GovqDiagnostics GovqCube GovqDocument GovqXML GovqHTML GovqDOCX GovqPDF GovqGeo GovqLoader GovqSyntax GovqEngine; do build_module "$m"; done
    local loader=("$out"/GovqDiagnostics.o "$out"/GovqCube.o "$out"/GovqDocument.o "$out"/CLibXML2.o "$out"/CLibXML2Plain.o "$out"/GovqXML.o "$out"/GovqHTML.o
                  "$out"/ZIPFoundation.o "$out"/GovqDOCX.o "$out"/CGovqPoppler.o "$out"/GovqPDF.o "$out"/GovqGeo.o "$out"/CGovqText.o "$out"/GovqLoader.o)
    echo "fuzz: linking loader-fuzz, parser-fuzz, html-fuzz and docx-fuzz" >&2
    swiftc "${flags[@]}" "${cflags[@]}" -module-name LoaderFuzz Fuzz/LoaderFuzz.swift "${loader[@]}" "${libs[@]}" -o "$out/loader-fuzz"
    swiftc "${flags[@]}" "${cflags[@]}" -module-name ParserFuzz Fuzz/ParserFuzz.swift \
        "${loader[@]}" "$out"/GovqSyntax.o "$out"/GovqEngine.o "${libs[@]}" -o "$out/parser-fuzz"
    swiftc "${flags[@]}" "${cflags[@]}" -module-name HTMLFuzz Fuzz/HTMLFuzz.swift "${loader[@]}" "${libs[@]}" -o "$out/html-fuzz"
    swiftc "${flags[@]}" "${cflags[@]}" -module-name DOCXFuzz Fuzz/DOCXFuzz.swift "${loader[@]}" "${libs[@]}" -o "$out/docx-fuzz"
    flock -u 9
}

# Seeds: the committed corpus plus the files it grew from.
seed_dirs() {
    case $1 in
        loader) echo Fuzz/corpus/loader Samples/reports Tests/GovqLoaderTests/Fixtures ;;
        parser) echo Fuzz/corpus/parser ;;
        html) echo Fuzz/corpus/html ;;
        docx) echo Fuzz/corpus/docx ;;
    esac
}

run() {
    local target=$1 seconds=${2:-60}
    shift 2 || shift $#
    mkdir -p "$work/$target" "Fuzz/crashers/$target"
    # The 50 MB and 1 MB cases live in the tests; libFuzzer's inputs stay below 1 MB.
    local max_len=4096
    [[ $target == loader || $target == html || $target == docx ]] && max_len=65536
    # shellcheck disable=SC2046
    # Swift's own crash handler would hide AddressSanitizer's report: turn it off.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "$out/$target-fuzz" "$work/$target" $(seed_dirs "$target") \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -detect_leaks=1 -print_final_stats=1 \
        -dict="Fuzz/$target.dict" \
        -artifact_prefix="Fuzz/crashers/$target/" "$@"
}

merge() {
    local target=$1 fresh=".build-fuzz/merged-$1" frozen=".build-fuzz/frozen-$1"
    rm -rf "$fresh" "$frozen" && mkdir -p "$fresh" "$work/$target"
    # A fuzzer still running deletes the inputs it reduces: merge from a copy.
    cp -r "$work/$target" "$frozen"
    # shellcheck disable=SC2046
    SWIFT_BACKTRACE=enable=no "$out/$target-fuzz" -merge=1 -max_len=8192 "$fresh" Fuzz/corpus/"$target" "$frozen" $(seed_dirs "$target")
    rm -rf "Fuzz/corpus/$target" && mv "$fresh" "Fuzz/corpus/$target"
    echo "fuzz: Fuzz/corpus/$target now holds $(ls "Fuzz/corpus/$target" | wc -l) inputs" >&2
}

case ${1:-} in
    build) build ;;
    parser|loader|html|docx) build; run "$@" ;;
    merge) build; merge "${2:?merge parser|loader|html|docx}" ;;
    *) echo "usage: scripts/fuzz.sh parser|loader|html|docx [seconds] [libFuzzer flags…] | build | merge parser|loader|html|docx" >&2; exit 2 ;;
esac
