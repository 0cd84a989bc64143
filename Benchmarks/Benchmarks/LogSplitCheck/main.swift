import DeeployPayload

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Generates the ~100 MB V1 request and its response, splits them once, and prints the counts
/// and the time; run it under `/usr/bin/time -v` for the peak resident memory.

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let instances = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let (request, response) = SplitPayloads.make(instances: instances)
let total = request.count + response.count
print("request \(request.count) bytes, response \(response.count) bytes, together \(total) bytes")

let start = seconds()
let split = LogSplitter().split(
    request: LoggedBody(contentType: .applicationJSON, bytes: request),
    response: LoggedBody(contentType: .applicationJSON, bytes: response),
    status: 200, endpoint: .predict)
let elapsed = seconds() - start

let requestBytes = split.predictionLogs.reduce(0) { $0 + ($1.requestBody?.count ?? 0) }
let responseBytes = split.predictionLogs.reduce(0) { $0 + ($1.responseBody?.count ?? 0) }
print("outcome \(split.requestLog.outcome.code): \(split.predictionLogs.count) prediction logs")
print("prediction-log bytes: requests \(requestBytes), responses \(responseBytes)")
print("split took \(String(format: "%.3f", elapsed)) s: \(String(format: "%.0f", Double(total) / 1e6 / elapsed)) MB/s")
print("memory goal: peak RSS at most 3 x \(total) = \(3 * total / 1024) kB (compare with /usr/bin/time's maximum resident set size)")
