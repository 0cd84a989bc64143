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
        benchmarkTarget("MagicBenchmarks", ["CLibMagic", .product(name: "Magic", package: "deeploy-payload")]),
        benchmarkTarget("VerdictBenchmarks", ["CLibMagic", .product(name: "DeeployPayload", package: "deeploy-payload")]),
        .executableTarget(
            name: "VerdictFileCheck",
            dependencies: [.product(name: "DeeployPayload", package: "deeploy-payload")],
            path: "Benchmarks/VerdictFileCheck"
        ),
        benchmarkTarget("LogBenchmarks", [.product(name: "DeeployPayload", package: "deeploy-payload"), .product(name: "StrictJSON", package: "deeploy-payload")]),
        .executableTarget(name: "LogSplitCheck", dependencies: [.product(name: "DeeployPayload", package: "deeploy-payload")], path: "Benchmarks/LogSplitCheck"),
    ],
    swiftLanguageModes: [.v6]
)
