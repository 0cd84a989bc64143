import BenchmarkPayloads
import Benchmark
import CLibMagic
import DeeployPayload
import Foundation

/// Verdicts against one raw `magic_buffer` call on the same bytes, in the same run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    let payloads: [(name: String, bytes: [UInt8], declared: String?)] = [
        ("PNG \(smallPNG.count) B", smallPNG, "image/png"),
        ("JPEG \(smallJPEG.count) B", smallJPEG, "image/jpeg"),
        ("PDF \(smallPDF.count) B", smallPDF, "application/pdf"),
        ("JPEG 2 MB", largeJPEG, "image/jpeg"),
        ("PNG 2 MB", largePNG, "image/png"),
        ("JSON \(oneKiBJSON.count) B", oneKiBJSON, nil),
        ("JSON \(oneKiBObjectsJSON.count) B, 45 keys", oneKiBObjectsJSON, nil),
        // Declared text is named by the sniffer's own rules; sent as octet-stream, libmagic names it.
        ("UTF-8 text 1 MiB", oneMiBText, "text/plain; charset=utf-8"),
        ("UTF-8 text 1 MiB as octet-stream", oneMiBText, "application/octet-stream"),
        // Opaque binary: libmagic's first answer is application/octet-stream.
        ("float32 tensor 4 KiB as octet-stream", smallTensor, "application/octet-stream"),
        ("float32 tensor 1 MiB as octet-stream", largeTensor, "application/octet-stream"),
    ]

    guard let sniffer = try? Sniffer(configuration: .init(poolSize: 2)),
          let builtInText = try? Sniffer(configuration: .init(poolSize: 2, textDetection: .builtIn))
    else { fatalError("libmagic must load") }

    Benchmark("verdict, built-in text rules: UTF-8 text 1 MiB", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try builtInText.verdict(oneMiBText, declared: "text/plain; charset=utf-8"))
        }
    }

    for payload in payloads {
        let scale: BenchmarkScalingFactor = payload.bytes.count > 100_000 ? .one : .kilo

        Benchmark("raw magic_buffer: \(payload.name)", configuration: .init(scalingFactor: scale)) { benchmark in
            guard let cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR) else { fatalError("magic_open failed") }
            defer { magic_close(cookie) }
            guard magic_load(cookie, nil) == 0 else { fatalError("magic_load failed") }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                payload.bytes.withUnsafeBytes { buffer in
                    blackHole(String(cString: magic_buffer(cookie, buffer.baseAddress, buffer.count)!))
                }
            }
        }

        Benchmark("verdict: \(payload.name)", configuration: .init(scalingFactor: scale)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try sniffer.verdict(payload.bytes, declared: payload.declared))
            }
        }
    }

    // Throughput with one caller and with two, over a mixed load that includes
    // libmagic calls (text sent as octet-stream), so the pool's cookies are exercised.
    let mixed: [([UInt8], String?)] = [
        (smallPNG, "image/png"), (oneKiBJSON, nil), (Array(oneMiBText.prefix(16 * 1024)), "application/octet-stream"), (smallPDF, "application/pdf"),
    ]
    for callers in [1, 2] {
        Benchmark("mixed verdicts, \(callers) concurrent caller(s), 4,000 verdicts", configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .one)) { benchmark in
            for _ in benchmark.scaledIterations {
                DispatchQueue.concurrentPerform(iterations: callers) { caller in
                    for index in 0..<(4_000 / callers) {
                        let (bytes, declared) = mixed[(index + caller) % mixed.count]
                        blackHole(try? sniffer.verdict(bytes, declared: declared))
                    }
                }
            }
        }
    }
}
