import BenchmarkPayloads
import Benchmark
import CLibMagic
import Magic

/// Raw `magic_buffer` against the binding, in the same process and run.
/// The raw baseline also copies libmagic's answer into a `String`, because any
/// correct caller must do that before the cookie is used again.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    let payloads: [(String, [UInt8])] = [
        ("PNG 67 B", smallPNG), ("PDF \(smallPDF.count) B", smallPDF),
        ("JSON \(smallJSON.count) B", smallJSON), ("UTF-8 text 1 MiB", oneMiBText),
    ]

    for (name, bytes) in payloads {
        let scale: BenchmarkScalingFactor = bytes.count > 100_000 ? .one : .kilo

        Benchmark("raw magic_buffer mime-type: \(name)", configuration: .init(scalingFactor: scale)) { benchmark in
            guard let cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR) else { fatalError("magic_open failed") }
            defer { magic_close(cookie) }
            guard magic_load(cookie, nil) == 0 else { fatalError("magic_load failed") }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                bytes.withUnsafeBytes { buffer in
                    let result = magic_buffer(cookie, buffer.baseAddress, buffer.count)
                    blackHole(String(cString: result!))
                }
            }
        }

        Benchmark("MagicCookie.mimeType: \(name)", configuration: .init(scalingFactor: scale)) { benchmark in
            var cookie = try MagicCookie()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try cookie.mimeType(of: bytes))
            }
        }

        Benchmark("MagicPool.mimeType: \(name)", configuration: .init(scalingFactor: scale)) { benchmark in
            let pool = try MagicPool(size: 1)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try pool.mimeType(of: bytes))
            }
        }
    }
}
