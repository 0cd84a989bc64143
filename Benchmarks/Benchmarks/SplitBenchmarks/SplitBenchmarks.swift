import BenchmarkPayloads
import Benchmark
import DeeployPayload
import StrictJSON

/// What `deeploy-payload split --format json` does with a ~100 MB V1 call of 100,000 instances
/// (issue 21): split it, then write the request log's bodies and every prediction log in the
/// pretty layout, in 64 KiB chunks (the CLI hands each chunk to write(2); here it is counted).
/// Two baselines run in the same process on the same bytes: the previous path (a6cffa4: each
/// prediction log spliced, then every body reformatted through the validating scanner into a
/// 64 KiB buffer, as the CLI's OutputWriter did), and the path before that (every prediction
/// log made at once, each body parsed into a tree, the whole report one tree, serialized at
/// once).
///
/// MB/s = (request + response bytes, 102,549,112) / time. Goal: at least 200 MB/s of CPU time.
/// Run of 2026-12-06 (split-speed, load average about 2.5 on 2 cores), CPU p50: this path 350 ms
/// (293 MB/s), 135 MB peak, 248 mallocs; the previous path 650 ms (158 MB/s), 600 K mallocs;
/// the tree 3,080 ms (33 MB/s), 1,423 MB peak; the floor 100 ms. The first run (a6cffa4, load
/// average 21) gave the previous path 660 ms, the tree 3,211 ms.
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

    Benchmark("split --format json path: splitLazily + writePrettyJSON, 64 KiB chunks \(label)") { benchmark in
        let splitter = LogSplitter()
        var written = 0
        func sink(_ chunk: UnsafeRawBufferPointer) { written += chunk.count }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let logs = splitter.splitLazily(request: requestBody, response: responseBody, status: 200, endpoint: .predict)
            precondition(logs.predictionLogs.count == 100_000, "the benchmark payload must split")
            logs.writePrettyJSON(of: .request, indent: 3, to: sink)
            logs.writePrettyJSON(of: .response, indent: 3, to: sink)
            logs.writePredictionLogsPrettyJSON(indent: 1, to: sink)
        }
        blackHole(written)
    }

    Benchmark("previous path (a6cffa4): splitLazily + validating reformat of each body, 64 KiB output \(label)") { benchmark in
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
