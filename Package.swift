// swift-tools-version: 6.1
// govq: a query engine for China's government information disclosure annual reports.
// One module per pipeline stage; dependencies point only downward:
//   govq → GovqREPL → GovqRender, GovqEngine → GovqSyntax, GovqLoader → GovqCube → GovqDiagnostics
import PackageDescription

let markupReaderSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-Xcc", "-I/usr/include/libxml2"])]

let package = Package(
    name: "govq",
    products: [
        .executable(name: "govq", targets: ["govq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // .xlsx workbooks (GovqRender) and .docx files (GovqDOCX) are zip archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "GovqDiagnostics"),
        // Output files that are complete or untouched, and never replace what is not a plain file.
        .target(name: "GovqOutput"),
        // Collation's sort keys come from the ICU that Foundation's locale compare uses (the
        // toolchain's, linked into every build already); named here for the debug build's linker.
        .target(name: "GovqCube", dependencies: ["GovqDiagnostics"], linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),
        // Documents (issue 11): every format reader turns its file into a `Document` (rows of cells
        // with their places, and text lines); the loader renders it for the one table reader. Each
        // C library is imported by one module only: libxml2 by GovqXML, poppler by GovqPDF.
        .target(name: "GovqDocument", dependencies: ["GovqDiagnostics"]),
        // libxml2 through dlopen, on the first HTML or DOCX file (CLibXML2): its headers at build
        // time (Debian's libxml2-dev), not the library at every start (it pulls in ICU and libstdc++).
        .target(name: "CLibXML2", dependencies: ["CGovqCPU"], cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])]),
        // The markup readers' event handlers are classes called once per element: without the
        // runtime exclusivity check on each access to their state (statically checked still).
        .target(name: "GovqXML", dependencies: ["CLibXML2"], swiftSettings: markupReaderSettings),
        .target(name: "GovqHTML", dependencies: ["GovqDocument", "GovqXML"], swiftSettings: markupReaderSettings),
        // zlib's inflate in one call, for the one entry of a .docx found by hand (GovqDOCX only).
        // zlib's headers from Debian's zlib1g-dev, as ZIPFoundation's CZlib needs them on Linux.
        .target(name: "CGovqInflate", cSettings: [.unsafeFlags(["-gdwarf-4"])], linkerSettings: [.linkedLibrary("z")]),
        .target(name: "GovqDOCX", dependencies: ["CGovqInflate", "GovqDocument", "GovqXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                swiftSettings: markupReaderSettings),
        // poppler-glib through dlopen, on the first PDF (CGovqPoppler): not loaded at every start.
        .target(name: "CGovqPoppler"),
        .target(name: "GovqPDF", dependencies: ["GovqDocument", "CGovqPoppler"]),
        // Geography (issue 16): the gazetteer, placing reports, --as-of.
        .target(name: "GovqGeo", dependencies: ["GovqCube"]),
        // Whether AVX2 code may run: glibc's start-up answer, read when a byte kernel first wants
        // to know (not libgcc's CPU model, whose constructor runs CPUIDs at every start).
        .target(name: "CGovqCPU", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The loader's byte kernels that want AVX2 (chosen at run time): UTF-8 validation.
        // DWARF 4 as the Swift targets are built with: valgrind 3.19 cannot read clang's DWARF 5.
        .target(name: "CGovqText", dependencies: ["CGovqCPU"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The executor's column sums that want AVX2 (chosen at run time).
        .target(name: "CGovqScan", dependencies: ["CGovqCPU"], cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        .target(name: "GovqLoader", dependencies: ["CGovqText", "GovqCube", "GovqDiagnostics", "GovqGeo", "GovqDocument", "GovqHTML", "GovqDOCX", "GovqPDF"]),
        .target(name: "GovqSyntax", dependencies: ["GovqDiagnostics"]),
        .target(name: "GovqEngine", dependencies: ["CGovqScan", "GovqSyntax", "GovqCube", "GovqDiagnostics"]),
        .target(name: "GovqRender", dependencies: ["GovqEngine", "GovqDiagnostics",
                                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // GNU readline through dlopen, when the REPL starts (CReadline): not loaded at every start.
        .target(name: "CReadline"),
        .target(name: "GovqREPL", dependencies: ["CReadline", "GovqEngine", "GovqRender", "GovqLoader", "GovqSyntax", "GovqOutput", "GovqGeo"]),
        // The sample reports, compiled into the binary (scripts/embed-samples.py writes them from
        // Samples/reports), so a copied `govq` runs on them anywhere.
        .target(name: "GovqSamples"),
        // Scale (issue 5): the snapshot file, the corpus generator and the benchmarks.
        // sync_file_range (an update's snapshot goes to disk while it is written).
        .target(name: "CGovqFile"),
        .target(name: "GovqSnapshot", dependencies: ["CGovqFile", "CGovqText", "GovqCube", "GovqLoader", "GovqDiagnostics", "GovqOutput"]),
        .target(name: "GovqCorpus", dependencies: ["GovqCube", "GovqGeo"]),
        .executableTarget(name: "govq-corpus", dependencies: ["GovqCorpus"]),
        .executableTarget(name: "govq-bench", dependencies: ["GovqCorpus", "GovqLoader", "GovqEngine", "GovqSnapshot", "GovqSyntax", "GovqGeo"]),
        // The commit `govq --version` prints (scripts/install.sh passes it).
        .target(name: "CGovqBuild"),
        // argv for CommandLine.arguments without the runtime's /proc/self/maps scan (see its header).
        .target(name: "CGovqArguments"),
        .executableTarget(name: "govq", dependencies: [
            "CGovqBuild", "CGovqArguments", "GovqLoader", "GovqEngine", "GovqRender", "GovqREPL", "GovqSamples", "GovqSyntax", "GovqSnapshot", "GovqOutput", "GovqGeo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GovqDiagnosticsTests", dependencies: ["GovqDiagnostics"]),
        .testTarget(name: "GovqCubeTests", dependencies: ["GovqCube"]),
        .testTarget(name: "GovqGeoTests", dependencies: ["GovqGeo", "GovqCube", "GovqLoader", "GovqEngine", "GovqSyntax", "GovqDiagnostics"]),
        .testTarget(name: "GovqLoaderTests", dependencies: ["GovqLoader", "GovqCube", "GovqCorpus"], exclude: ["Fixtures"]),
        .testTarget(name: "GovqDocumentTests", dependencies: ["GovqCorpus", "GovqDocument", "GovqHTML", "GovqDOCX", "GovqPDF", "GovqLoader", "GovqDiagnostics"],
                    exclude: ["Fixtures", "Bench"]),
        .testTarget(name: "GovqSyntaxTests", dependencies: ["GovqSyntax"]),
        .testTarget(name: "GovqEngineTests", dependencies: ["CGovqCPU", "CGovqScan", "GovqEngine", "GovqLoader", "GovqSyntax"]),
        .testTarget(name: "GovqRenderTests", dependencies: ["GovqRender", "GovqEngine"]),
        .testTarget(name: "GovqREPLTests", dependencies: ["GovqREPL"]),
        .testTarget(name: "GovqScaleTests", dependencies: ["GovqCorpus", "GovqLoader", "GovqSnapshot", "GovqCube", "GovqEngine", "GovqGeo", "GovqOutput"]),
        .testTarget(name: "GovqEndToEndTests", dependencies: ["govq", "GovqSamples", "CGovqArguments"], exclude: ["Golden"]),
        // Hardening (issue 6): bad inputs, limits, fuzz corpus and crashers (Fuzz/), CSV safety end to end.
        .testTarget(name: "GovqHardeningTests", dependencies: ["GovqLoader", "GovqCube", "GovqSyntax", "GovqEngine", "GovqDiagnostics", "GovqOutput", "GovqSnapshot", "govq"]),
    ]
)

// Generic types our code names (an array of a struct of ours) are made at run time. By default
// the compiler finds each by demangling its name, about 12,500 instructions the first time in
// every process, 74 times in a query by district; calling the type's metadata accessor instead
// skips the demangler (a query from a 20-report snapshot runs 20% fewer instructions).
for target in package.targets where target.type != .system && !target.name.hasPrefix("C") {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
    ]
}
