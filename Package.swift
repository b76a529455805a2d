// swift-tools-version: 6.1
// govq: a query engine for China's government information disclosure annual reports.
// One module per pipeline stage; dependencies point only downward:
//   govq → GovqREPL → GovqRender, GovqEngine → GovqSyntax, GovqLoader → GovqCube → GovqDiagnostics
import PackageDescription

let package = Package(
    name: "govq",
    products: [
        .executable(name: "govq", targets: ["govq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "GovqDiagnostics"),
        .target(name: "GovqCube", dependencies: ["GovqDiagnostics"]),
        // Geography (issue 16): the gazetteer, placing reports, --as-of.
        .target(name: "GovqGeo", dependencies: ["GovqCube"]),
        .target(name: "GovqLoader", dependencies: ["GovqCube", "GovqDiagnostics", "GovqGeo"]),
        .target(name: "GovqSyntax", dependencies: ["GovqDiagnostics"]),
        .target(name: "GovqEngine", dependencies: ["GovqSyntax", "GovqCube", "GovqDiagnostics"]),
        .target(name: "GovqRender", dependencies: ["GovqEngine", "GovqDiagnostics"]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"]), .brew(["readline"])]),
        .target(name: "GovqREPL", dependencies: ["CReadline", "GovqEngine", "GovqRender", "GovqLoader", "GovqSyntax", "GovqGeo"]),
        // The sample reports, shipped next to the binary so `govq` finds them from any directory.
        .target(name: "GovqSamples", path: "Samples", exclude: ["queries"], resources: [.copy("reports")]),
        // Scale (issue 5): the snapshot file, the corpus generator and the benchmarks.
        .target(name: "GovqSnapshot", dependencies: ["GovqCube", "GovqLoader", "GovqDiagnostics"]),
        .target(name: "GovqCorpus", dependencies: ["GovqCube"]),
        .executableTarget(name: "govq-corpus", dependencies: ["GovqCorpus"]),
        .executableTarget(name: "govq-bench", dependencies: ["GovqCorpus", "GovqLoader", "GovqEngine", "GovqSnapshot", "GovqSyntax", "GovqGeo"]),
        .executableTarget(name: "govq", dependencies: [
            "GovqLoader", "GovqEngine", "GovqRender", "GovqREPL", "GovqSamples", "GovqSyntax", "GovqSnapshot", "GovqGeo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GovqDiagnosticsTests", dependencies: ["GovqDiagnostics"]),
        .testTarget(name: "GovqCubeTests", dependencies: ["GovqCube"]),
        .testTarget(name: "GovqGeoTests", dependencies: ["GovqGeo", "GovqCube", "GovqLoader", "GovqEngine", "GovqSyntax", "GovqDiagnostics"]),
        .testTarget(name: "GovqLoaderTests", dependencies: ["GovqLoader", "GovqCube"], exclude: ["Fixtures"]),
        .testTarget(name: "GovqSyntaxTests", dependencies: ["GovqSyntax"]),
        .testTarget(name: "GovqEngineTests", dependencies: ["GovqEngine", "GovqLoader", "GovqSyntax"]),
        .testTarget(name: "GovqRenderTests", dependencies: ["GovqRender", "GovqEngine"]),
        .testTarget(name: "GovqREPLTests", dependencies: ["GovqREPL"]),
        .testTarget(name: "GovqScaleTests", dependencies: ["GovqCorpus", "GovqLoader", "GovqSnapshot", "GovqCube", "GovqEngine"]),
        .testTarget(name: "GovqEndToEndTests", dependencies: ["govq"], exclude: ["Golden"]),
        // Hardening (issue 6): bad inputs, limits, fuzz corpus and crashers (Fuzz/), CSV safety end to end.
        .testTarget(name: "GovqHardeningTests", dependencies: ["GovqLoader", "GovqCube", "GovqSyntax", "GovqEngine", "GovqDiagnostics", "govq"]),
    ]
)
