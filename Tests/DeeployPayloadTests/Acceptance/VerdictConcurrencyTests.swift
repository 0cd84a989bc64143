import DeeployPayload
import Testing

@Suite struct VerdictConcurrencyTests {
    /// 8 tasks x 10,000 mixed verdicts through one Sniffer give the serial answers.
    @Test func concurrentVerdictsMatchSerial() async throws {
        let sniffer = try Sniffer(configuration: .init(poolSize: 4))
        let inputs: [([UInt8], String?)] = [
            (Payloads.png(), "image/png"), (Payloads.jpeg, nil), (Payloads.pdf(), "application/pdf"),
            (Payloads.utf8(#"{"instances": [1, 2]}"#), nil), (Payloads.utf8("42"), "application/json"),
            (Payloads.utf8("hello text\n"), "text/plain"), (Payloads.html, "text/html"),
            (Payloads.gif + Payloads.zip, "image/gif"), (Payloads.zip, "application/octet-stream"),
            ([], nil), (Payloads.utf8("{\"a\":1}\n{\"a\":2}\n"), nil), (Payloads.svg, "image/png"),
        ]
        let serial = try inputs.map { try sniffer.verdict(.bytes($0.0), declared: $0.1) }
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for index in 0..<10_000 {
                        let which = (index &* 7 &+ task) % inputs.count
                        let verdict = try sniffer.verdict(.bytes(inputs[which].0), declared: inputs[which].1)
                        if verdict != serial[which] { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
