import BenchmarkPayloads
import Benchmark
import DeeployPayload
import StrictJSON

/// What `deeploy-payload split --format json` does with a ~100 MB V1 call of 100,000 instances
/// (issue 21): split it, then write the request log's bodies and every prediction log's bodies
/// in the pretty layout, one log at a time, into a 64 KiB buffer that is emptied when full (as
/// the CLI's OutputWriter does before each write(2)). The baseline, in the same process on the
/// same bytes, is the way the CLI did it before: every prediction log made at once, each body
/// parsed into a tree, the whole report one tree, serialized at once.
///
/// MB/s = (request + response bytes) / time. Goal: at least 200 MB/s. First run (a6cffa4, the
/// machine at load average 21 on 2 cores): the new path 660 ms CPU (155 MB/s), 2.27 s wall, peak
/// 136 MB; the baseline 3,211 ms CPU (32 MB/s), 12 s wall, peak 1,424 MB; the floor 100 ms CPU.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    let (request, response) = SplitPayloads.make()
    let megabytes = Double(request.count + response.count) / 1_000_000
    let label = "\(Int(megabytes.rounded())) MB"
    let requestBody = LoggedBody(contentType: .applicationJSON, bytes: request)
    let responseBody = LoggedBody(contentType: .applicationJSON, bytes: response)

    Benchmark("split --format json path: splitLazily + reformat each body, 64 KiB output \(label)") { benchmark in
        let splitter = LogSplitter()
        let serializer = JSONSerializer(pretty: true)
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        var written = 0
        func sink(_ chunk: UnsafeRawBufferPointer) {
            output.append(contentsOf: chunk)
            if output.count >= 1 << 16 {
                written += output.count
                output.removeAll(keepingCapacity: true)
            }
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let logs = splitter.splitLazily(request: requestBody, response: responseBody, status: 200, endpoint: .predict)
            precondition(logs.predictionLogs.count == 100_000, "the benchmark payload must split")
            for payload in [logs.requestLog.request, logs.requestLog.response] {
                try serializer.reformat(payload.bytes, indent: 3, chunkSize: 1 << 16, to: sink)
            }
            for log in logs.predictionLogs {
                if let body = log.requestBody { try serializer.reformat(body, indent: 3, chunkSize: 1 << 16, to: sink) }
                if let body = log.responseBody { try serializer.reformat(body, indent: 3, chunkSize: 1 << 16, to: sink) }
            }
        }
        blackHole(written + output.count)
    }

    Benchmark("baseline: split + report as one tree, serialized pretty \(label)", configuration: .init(maxIterations: 2)) { benchmark in
        let splitter = LogSplitter()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let split = splitter.split(request: requestBody, response: responseBody, status: 200, endpoint: .predict)
            func body(_ bytes: [UInt8]?) throws -> JSONValue { try bytes.map { try JSONParser.parse($0) } ?? .null }
            let report: JSONValue = .object([
                "requestLog": .object([
                    "request": .object(["body": try body(split.requestLog.request.bytes)]),
                    "response": .object(["body": try body(split.requestLog.response.bytes)]),
                ]),
                "predictionLogs": .array(
                    try split.predictionLogs.map { log in
                        .object([
                            "index": .number(JSONNumber(log.index)),
                            "requestBody": try body(log.requestBody),
                            "responseBody": try body(log.responseBody),
                        ])
                    }),
            ])
            blackHole(JSONSerializer(pretty: true).serialize(report).count)
        }
    }

    Benchmark("floor: validate both bodies once \(label)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(JSONValidator.isValid(request) && JSONValidator.isValid(response))
        }
    }
}
