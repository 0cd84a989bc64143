// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "deeploy-payload",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DeeployPayload", targets: ["DeeployPayload"]),
        .library(name: "Magic", targets: ["Magic"]),
        .library(name: "StrictJSON", targets: ["StrictJSON"]),
        .executable(name: "deeploy-payload", targets: ["DeeployPayloadCLI"]),
        // Test support, not API: a product only because the Fuzz and Benchmarks packages, which
        // depend on this one by path, share its seeded generator and invariant checks.
        .library(name: "DeeployTestSupport", targets: ["DeeployTestSupport"]),
        // Gateways, the client and the emulator. Each is a product of its own, so that a user of
        // DeeployPayload alone never builds SwiftNIO, an HTTP client or a server framework.
        .library(name: "DeeployGatewayKit", targets: ["DeeployGatewayKit"]),
        .library(name: "DeeployHummingbird", targets: ["DeeployHummingbird"]),
        .library(name: "DeeployVapor", targets: ["DeeployVapor"]),
        .executable(name: "deeploy-gateway", targets: ["DeeployGatewayServer"]),
        .library(name: "DeeployClient", targets: ["DeeployClient"]),
        // `deeploy-payload send` runs it: an executable of its own so that deeploy-payload does
        // not link SwiftNIO and AsyncHTTPClient, and its other commands start as fast as before.
        .executable(name: "deeploy-send", targets: ["DeeploySend"]),
        .library(name: "DeeployEmulator", targets: ["DeeployEmulator"]),
        .executable(name: "deeploy-emulator", targets: ["DeeployEmulatorServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Gateways, the client and the emulator only.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Without the default ConfigurationSupport trait (a ConfigReader for Hummingbird's
        // settings; nothing here reads settings through it), so a user of DeeployHummingbird alone
        // does not build swift-configuration. AsyncHTTPClient still needs it for the proxy, the
        // client and the tests.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // libmagic, the C library. Nothing here knows about Deeploy.
        .systemLibrary(
            name: "CMagic",
            pkgConfig: "libmagic",
            providers: [.apt(["libmagic-dev"]), .brew(["libmagic"])]
        ),
        // OpenSSL's libcrypto, the C library, for the SHA-256 digests logs record.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // zlib, the C library, to decode gzip and deflate request bodies.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // A Swift binding of libmagic in the spirit of swift-system.
        .target(name: "Magic", dependencies: ["CMagic"], swiftSettings: strictSwift),
        // A strict RFC 8259 JSON core: validator, tree, spans, serializer, Codable.
        .target(name: "StrictJSON", swiftSettings: strictSwift),
        // Deeploy's rules: media types, acceptance, sniffing, headers, responses, logs.
        .target(
            name: "DeeployPayload",
            dependencies: [
                "Magic",
                "StrictJSON",
                "CLibCrypto",
                "CZlib",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift
        ),
        // What deeploy-payload and deeploy-send share: the credential options, --max-size,
        // --endpoint, --format, the exit codes, the entry point and the writes to standard error.
        // Not a product, and no SwiftNIO, HTTP client or Foundation: deeploy-payload links it.
        .target(
            name: "DeeployCLISupport",
            dependencies: [
                "DeeployPayload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        // The command-line tool: a thin shell over DeeployPayload.
        .executableTarget(
            name: "DeeployPayloadCLI",
            dependencies: [
                "DeeployCLISupport",
                "DeeployPayload",
                "Magic",
                "StrictJSON",
                // SHA-256 of a streamed binary body (decode), hashed as it is read.
                "CLibCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift
        ),
        // The gateway core over SwiftNIO: ByteBuffer streams, multipart/form-data, the
        // Authorization check, problem responses, logs, metrics and traces. No server framework.
        .target(
            name: "DeeployGatewayKit",
            dependencies: [
                "DeeployPayload",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSwift
        ),
        // The Hummingbird 2 adapter: a RouterMiddleware and a route-level helper.
        .target(
            name: "DeeployHummingbird",
            dependencies: ["DeeployGatewayKit", "DeeployPayload", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSwift
        ),
        // The Vapor 4 adapter: an AsyncMiddleware.
        .target(
            name: "DeeployVapor",
            dependencies: ["DeeployGatewayKit", "DeeployPayload", .product(name: "Vapor", package: "vapor")],
            swiftSettings: strictSwift
        ),
        // deeploy-gateway, the validating reverse proxy: Hummingbird in, AsyncHTTPClient out.
        .executableTarget(
            name: "DeeployGatewayServer",
            dependencies: [
                "DeeployHummingbird",
                "DeeployGatewayKit",
                "DeeployPayload",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // A Deeploy client over AsyncHTTPClient that judges every payload before sending it.
        .target(
            name: "DeeployClient",
            dependencies: [
                "DeeployPayload",
                "StrictJSON",
                // SHA-256 of a response body streamed to a file, hashed as it arrives.
                "CLibCrypto",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // AsyncHTTPClient's header and method types.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // A local stand-in for Deeploy's inference API, on Hummingbird and the payload gate.
        .target(
            name: "DeeployEmulator",
            dependencies: [
                "DeeployPayload",
                "StrictJSON",
                // SHA-256 fed chunk by chunk, for uploads streamed to disk (as the CLI does).
                "CLibCrypto",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                // Emulator.withRunning stops its server gracefully (a ServiceGroup), not by cancellation.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // deeploy-emulator, the executable.
        .executableTarget(
            name: "DeeployEmulatorServer",
            dependencies: [
                "DeeployEmulator",
                "DeeployPayload",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // deeploy-send: judges a payload and sends it with DeeployClient.
        .executableTarget(
            name: "DeeploySend",
            dependencies: [
                "DeeployCLISupport",
                "DeeployClient",
                "DeeployPayload",
                "StrictJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        // What the tests, the fuzz targets and the benchmarks share: the seeded generator and the
        // invariant checks a fuzz target and a test both make.
        .target(
            name: "DeeployTestSupport",
            dependencies: [
                "DeeployPayload",
                "StrictJSON",
                "CZlib",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/DeeployTestSupport",
            swiftSettings: strictSwift
        ),
        // Tests that start servers on loopback: their trait (Tests/LoopbackTesting).
        .target(name: "LoopbackTesting", path: "Tests/LoopbackTesting", swiftSettings: strictSwift),
        .testTarget(name: "MagicTests", dependencies: ["Magic", "DeeployTestSupport"], swiftSettings: strictSwift),
        .testTarget(
            name: "StrictJSONTests",
            dependencies: ["StrictJSON", "DeeployTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DeeployPayloadTests",
            dependencies: [
                "DeeployPayload",
                "DeeployTestSupport",
                "Magic",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "DeeployPayloadCLI",
                "DeeployPayload",
                "DeeployTestSupport",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "DeeployGatewayKit",
                "DeeployHummingbird",
                "DeeployVapor",
                "DeeployGatewayServer",
                "DeeployPayload",
                "DeeployTestSupport",
                "LoopbackTesting",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "ClientTests",
            dependencies: [
                "DeeployClient",
                "DeeployEmulator",
                "DeeployPayload",
                "DeeployTestSupport",
                "LoopbackTesting",
                "StrictJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
