// swift-tools-version: 6.1
// Benchmarks live in their own package so that library users never resolve
// ordo-one/benchmark. Run with: swift package benchmark (from this folder).
import PackageDescription

let benchmarkTarget: (String, [Target.Dependency]) -> Target = { name, dependencies in
    .executableTarget(
        name: name,
        dependencies: dependencies + [.product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "deeploy-payload-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "deeploy-payload", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The raw C API, so baselines call libmagic without the binding in between.
        .systemLibrary(name: "CLibMagic", path: "CLibMagic", pkgConfig: "libmagic"),
        // Payloads built in code, shared by the suites and the check tools; their seeded generator
        // is the root package's test-support SplitMix64, the one the tests and fuzz targets use.
        .target(
            name: "BenchmarkPayloads",
            dependencies: [.product(name: "DeeployTestSupport", package: "deeploy-payload")],
            path: "Benchmarks/BenchmarkPayloads"
        ),
        benchmarkTarget("MagicBenchmarks", ["CLibMagic", "BenchmarkPayloads", .product(name: "Magic", package: "deeploy-payload")]),
        benchmarkTarget("VerdictBenchmarks", ["CLibMagic", "BenchmarkPayloads", .product(name: "DeeployPayload", package: "deeploy-payload")]),
        .executableTarget(
            name: "VerdictFileCheck",
            dependencies: [.product(name: "DeeployPayload", package: "deeploy-payload")],
            path: "Benchmarks/VerdictFileCheck"
        ),
        benchmarkTarget("JSONBenchmarks", [
            "CLibMagic",
            .product(name: "StrictJSON", package: "deeploy-payload"),
            .product(name: "DeeployTestSupport", package: "deeploy-payload"),
        ]),
        // Streams a file through StreamingJSONValidator; run under /usr/bin/time -v for peak memory.
        .executableTarget(name: "JSONStreamCheck", dependencies: [.product(name: "StrictJSON", package: "deeploy-payload")], path: "Benchmarks/JSONStreamCheck"),
        benchmarkTarget("HeaderBenchmarks", [.product(name: "DeeployPayload", package: "deeploy-payload")]),
        benchmarkTarget("LogBenchmarks", ["BenchmarkPayloads", .product(name: "DeeployPayload", package: "deeploy-payload"), .product(name: "StrictJSON", package: "deeploy-payload")]),
        benchmarkTarget("SplitBenchmarks", ["BenchmarkPayloads", .product(name: "DeeployPayload", package: "deeploy-payload"), .product(name: "StrictJSON", package: "deeploy-payload")]),
        .executableTarget(name: "LogSplitCheck", dependencies: ["BenchmarkPayloads", .product(name: "DeeployPayload", package: "deeploy-payload")], path: "Benchmarks/LogSplitCheck"),
    ],
    swiftLanguageModes: [.v6]
)
