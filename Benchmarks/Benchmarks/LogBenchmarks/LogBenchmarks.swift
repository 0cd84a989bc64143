import BenchmarkPayloads
import Benchmark
import DeeployPayload
import StrictJSON

/// Splitting a ~100 MB V1 request of 100,000 instances and its response, against the two
/// floors any splitter has: validating both bodies once, and copying them once. All run in
/// the same process on the same bytes. MB/s = (request + response bytes) × throughput.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 10
    )

    let (request, response) = SplitPayloads.make()
    let megabytes = Double(request.count + response.count) / 1_000_000
    let label = "\(Int(megabytes.rounded())) MB"
    let requestBody = LoggedBody(contentType: .applicationJSON, bytes: request)
    let responseBody = LoggedBody(contentType: .applicationJSON, bytes: response)

    Benchmark("LogSplitter.split V1 100k instances \(label)") { benchmark in
        let splitter = LogSplitter()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let split = splitter.split(request: requestBody, response: responseBody, status: 200, endpoint: .predict)
            precondition(split.predictionLogs.count == 100_000, "the benchmark payload must split")
            blackHole(split)
        }
    }

    Benchmark("baseline: JSONValidator.validate both bodies \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(JSONValidator.isValid(request) && JSONValidator.isValid(response))
        }
    }

    Benchmark("baseline: JSONSpans top-level members + elements of instances \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            let members = try JSONSpans.topLevelMembers(of: request)
            if let instances = members.first(where: { $0.key == "instances" }) {
                blackHole(try JSONSpans.elements(ofArrayAt: instances.valueRange, in: request))
            }
        }
    }

    // A binary body is logged by its SHA-256 digest, which libcrypto computes.
    let binary = BinaryBody(bytes: (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }, mediaType: .applicationOctetStream)
    Benchmark("BinaryBody.sha256 of 4 MiB", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(binary.sha256)
        }
    }

    Benchmark("baseline: copy both bodies once \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            var copy = [UInt8]()
            copy.reserveCapacity(request.count + response.count)
            copy.append(contentsOf: request)
            copy.append(contentsOf: response)
            blackHole(copy)
        }
    }
}
