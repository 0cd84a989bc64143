// swift-tools-version: 6.1
// libFuzzer targets, one per entry point. A package of their own, so that the root package's
// users never build them. Build one with:
//   cd Fuzz && swift build -c release --product json-parse --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
// and run them all with scripts/fuzz.sh (from the repository root).
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// One libFuzzer target: an executable whose only source defines `LLVMFuzzerTestOneInput`;
/// libFuzzer supplies `main`.
let fuzzTarget: (String) -> Target = { name in
    .executableTarget(
        name: name,
        dependencies: [
            "FuzzSupport",
            .product(name: "DeeployPayload", package: "deeploy-payload"),
            .product(name: "DeeployTestSupport", package: "deeploy-payload"),
            .product(name: "StrictJSON", package: "deeploy-payload"),
        ],
        swiftSettings: strictSwift
    )
}

let package = Package(
    name: "deeploy-payload-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "deeploy-payload", path: ".."),
        // For the multipart target, which hands the gateway NIO ByteBuffers (same version as the root).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // What every target needs: invariant traps and sniffers. The checks a target shares with
        // the tests, and the seeded generator that makes choices from the input, are in the root
        // package's DeeployTestSupport.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "DeeployPayload", package: "deeploy-payload"),
                .product(name: "DeeployTestSupport", package: "deeploy-payload"),
            ],
            swiftSettings: strictSwift
        ),
        fuzzTarget("sniff-verdict"),
        fuzzTarget("media-type"),
        fuzzTarget("json-parse"),
        fuzzTarget("json-decode"),
        fuzzTarget("authorization"),
        fuzzTarget("response-decode"),
        fuzzTarget("tensor-decode"),
        fuzzTarget("log-split"),
        fuzzTarget("inference-target"),
        fuzzTarget("content-encoding"),
        // The gateway's multipart/form-data path (DeeployGatewayKit).
        .executableTarget(
            name: "multipart",
            dependencies: [
                "FuzzSupport",
                .product(name: "DeeployGatewayKit", package: "deeploy-payload"),
                .product(name: "DeeployPayload", package: "deeploy-payload"),
                .product(name: "DeeployTestSupport", package: "deeploy-payload"),
                .product(name: "StrictJSON", package: "deeploy-payload"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
