import DeeployClient
import DeeployPayload
import StrictJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden `--bench-calls N` mode: N calls of one payload over C concurrent connections of
/// one ``DeeployClient``, for scripts/emulator-throughput.py's DeeployClient row. Each call is a
/// user's call: the payload is judged, sent, the answer read and decoded; an answer to a V1
/// request must be `{"predictions": <its instances>}` (as the Python side checks) or it counts
/// as an error. Prints one JSON line: calls, errors, p50_ms, p99_ms, calls_per_s.
enum Bench {
    static func run(client: DeeployClient, payload bytes: [UInt8], declared: String?, endpoint: InferenceEndpoint, calls: Int, concurrency: Int) async -> JSONValue {
        let expected = (try? JSONParser.parse(bytes))?["instances"].map { JSONValue.object(["predictions": $0]) }
        let workers = max(1, min(concurrency, calls))
        @Sendable func call() async -> Bool {
            guard let response = try? await client.call(.bytes(bytes, declared: declared), endpoint: endpoint), response.status == 200 else { return false }
            return expected == nil || response.body.json == expected
        }
        // One warm-up call per worker opens its connection, as the Python side does.
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<workers { group.addTask { await call() } }
            for await _ in group {}
        }
        let clock = ContinuousClock()
        let started = clock.now
        let results = await withTaskGroup(of: ([Duration], Int).self) { group in
            for worker in 0..<workers {
                let count = calls / workers + (worker < calls % workers ? 1 : 0)
                group.addTask {
                    var latencies: [Duration] = []
                    latencies.reserveCapacity(count)
                    var errors = 0
                    for _ in 0..<count {
                        let begun = clock.now
                        if await !call() { errors += 1 }
                        latencies.append(clock.now - begun)
                    }
                    return (latencies, errors)
                }
            }
            var all: ([Duration], Int) = ([], 0)
            for await (latencies, errors) in group {
                all.0 += latencies
                all.1 += errors
            }
            return all
        }
        let wall = clock.now - started
        let sorted = results.0.sorted()
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }
        // Nearest-rank percentile.
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return milliseconds(sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)])
        }
        func number(_ value: Double) -> JSONValue { JSONNumber(value).map(JSONValue.number) ?? .null }
        return [
            "calls": .number(JSONNumber(sorted.count)), "errors": .number(JSONNumber(results.1)),
            "p50_ms": number(percentile(50)), "p99_ms": number(percentile(99)),
            "calls_per_s": number(Double(sorted.count) / (milliseconds(wall) / 1000)),
        ]
    }

    /// The whole of a (small) payload file, or nil when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
