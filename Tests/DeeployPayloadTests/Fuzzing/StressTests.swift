import DeeployPayload
import DeeployTestSupport
import Testing

/// Many concurrent tasks through one `Sniffer` and one `LogSplitter`: every answer must be the
/// one computed serially. The sniffer's libmagic cookies are not thread-safe, so this is what
/// shows that its pool keeps callers apart.
@Suite struct StressTests {
    /// Corpus files (whole, up to 64 KiB) and mutations of them, in a fixed order.
    static let payloads: [[UInt8]] = {
        var rng = SplitMix64(seed: FuzzConfiguration.current.seed)
        let files = FuzzSeeds.files.filter { $0.count <= 64 * 1024 }
        return files + (0..<200).map { _ in FuzzInputs.mutate(rng.pick(files), rng: &rng) }
    }()

    @Test func oneSnifferServesManyTasks() async throws {
        let sniffer = try Sniffer(configuration: .init(poolSize: 3))
        let serial = Self.payloads.map { try? sniffer.verdict(.bytes($0), declared: nil) }
        let rounds = 4
        let concurrent = await withTaskGroup(of: (Int, Verdict?).self) { group in
            // Every payload several times over, interleaved, from one task per (round, payload).
            for round in 0..<rounds {
                for (index, payload) in Self.payloads.enumerated() {
                    group.addTask { (round * Self.payloads.count + index, try? sniffer.verdict(.bytes(payload), declared: nil)) }
                }
            }
            var results = [Verdict?](repeating: nil, count: rounds * Self.payloads.count)
            for await (slot, verdict) in group { results[slot] = verdict }
            return results
        }
        var mismatches: [Int] = []
        for (slot, verdict) in concurrent.enumerated() where verdict != serial[slot % Self.payloads.count] {
            mismatches.append(slot % Self.payloads.count)
        }
        #expect(serial.allSatisfy { $0 != nil }, "a serial sniff failed")
        #expect(mismatches.isEmpty, "concurrent verdicts differ from serial ones for payloads \(Set(mismatches).sorted())")
    }

    @Test func oneLogSplitterServesManyTasks() async throws {
        let splitter = LogSplitter(sniffer: try Sniffer(configuration: .init(poolSize: 2)))
        var rng = SplitMix64(seed: FuzzConfiguration.current.seed ^ 0x5)
        var calls: [(request: LoggedBody, response: LoggedBody, status: Int, endpoint: InferenceEndpoint)] = []
        for pair in FuzzSeeds.pairs {
            for variant in 0..<12 {
                let response = variant % 3 == 2 ? FuzzInputs.mutate(pair.response, rng: &rng) : pair.response
                let responseType = variant % 4 == 3 ? nil : pair.responseType
                calls.append((
                    LoggedBody(contentType: pair.requestType, bytes: variant % 3 == 1 ? FuzzInputs.mutate(pair.request, rng: &rng) : pair.request),
                    LoggedBody(contentType: responseType, bytes: response), pair.status, pair.endpoint
                ))
            }
        }
        let count = calls.count
        let serial = calls.map { splitter.split(request: $0.request, response: $0.response, status: $0.status, endpoint: $0.endpoint) }
        let concurrent = await withTaskGroup(of: (Int, LogSplit).self) { group in
            for round in 0..<4 {
                for (index, call) in calls.enumerated() {
                    group.addTask {
                        (round * count + index, splitter.split(request: call.request, response: call.response, status: call.status, endpoint: call.endpoint))
                    }
                }
            }
            var results: [LogSplit?] = Array(repeating: nil, count: 4 * count)
            for await (slot, split) in group { results[slot] = split }
            return results
        }
        let mismatches = concurrent.indices.filter { concurrent[$0] != serial[$0 % calls.count] }
        #expect(mismatches.isEmpty, "concurrent splits differ from serial ones for calls \(Set(mismatches.map { $0 % calls.count }).sorted())")
        #expect(serial.contains { $0.requestLog.splitPlan != nil }, "no call was split, so the stress covers too little")
    }
}
