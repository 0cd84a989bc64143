import DeeployPayload
import Foundation
import Testing

/// File and stream verdicts under a policy with a maximum size read no more than they must: a
/// larger payload is rejected as `too-large`, for that alone, without being read to its end.
@Suite struct OversizedPayloadTests {
    let sniffer = sharedSniffer

    static let limited: AcceptancePolicy = {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = 1000
        return policy
    }()

    /// 100-byte chunks of a JSON array, for ever, counting how many were asked for.
    struct EndlessJSON: AsyncSequence, Sendable {
        let requested: Counter

        struct AsyncIterator: AsyncIteratorProtocol {
            let requested: Counter
            var first = true

            mutating func next() async -> [UInt8]? {
                requested.increment()
                defer { first = false }
                return [first ? UInt8(ascii: "[") : UInt8(ascii: ",")] + Array(repeating: UInt8(ascii: "1"), count: 99)
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(requested: requested) }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test func anEndlessStreamStopsAtTheFirstChunkPastTheLimit() async throws {
        let requested = Counter()
        let verdict = try await sniffer.verdict(chunks: EndlessJSON(requested: requested), declared: "application/json", policy: Self.limited)
        #expect(requested.value == 11)
        #expect(!verdict.isAccepted)
        #expect(verdict.reasonCodes == [.tooLarge])
        #expect(verdict.warnings.isEmpty)
        #expect(verdict.effectiveContentType == nil)
        #expect(verdict.declared == .applicationJSON)
        #expect(verdict.sniff.size == 1100)
        #expect(verdict.reasons[0].message.contains("more than 1000 bytes"))
    }

    @Test func aStreamWithinTheLimitIsJudgedAsItsBytes() async throws {
        let bytes = Array(#"{"instances": [[1, 2, 3]], "note": "ünïcode"}"#.utf8)
        for policy in [Self.limited, .deeploy] {
            for declared in [nil, "application/json", "text/plain", "image/png"] {
                let chunks = AsyncStream<[UInt8]> { continuation in
                    for start in stride(from: 0, to: bytes.count, by: 7) { continuation.yield(Array(bytes[start..<min(start + 7, bytes.count)])) }
                    continuation.finish()
                }
                let streamed = try await sniffer.verdict(chunks: chunks, declared: declared, policy: policy)
                #expect(streamed == (try sniffer.verdict(.bytes(bytes), declared: declared, policy: policy)), "\(String(describing: declared))")
            }
        }
    }

    /// A file's size is known before it is read: one over the limit is judged from its size
    /// and header alone. Its content (JSON with a trailing comma at the very end) plays no part.
    @Test func aLargerFileIsJudgedByItsSizeAndHeader() throws {
        let bytes = Array("[".utf8) + Array(repeating: Array("1,".utf8), count: 5000).joined() + Array("]".utf8)
        let path = try Payloads.file(bytes, named: "oversized.json")
        let verdict = try sniffer.verdict(.file(path: path), declared: "application/json", policy: Self.limited)
        #expect(verdict.reasonCodes == [.tooLarge])
        #expect(verdict.sniff.size == bytes.count)
        #expect(verdict.reasons[0].message == "the payload is \(bytes.count) bytes; this policy accepts at most 1000.")

        var roomy = Self.limited
        roomy.maximumSize = bytes.count
        let whole = try sniffer.verdict(.file(path: path), declared: "application/json", policy: roomy)
        #expect(whole.reasonCodes == [.invalidJSON])
        #expect(whole == (try sniffer.verdict(.bytes(bytes), declared: "application/json", policy: roomy)))
    }

    @Test func aFileDescriptorIsJudgedAsItsPath() throws {
        let path = try Payloads.file(Payloads.png(), named: "descriptor.png")
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for policy in [Self.limited, .deeploy] {
            #expect(
                try sniffer.verdict(.fileDescriptor(handle.fileDescriptor), declared: "image/png", policy: policy)
                    == (try sniffer.verdict(.file(path: path), declared: "image/png", policy: policy)))
        }
        var tiny = AcceptancePolicy.deeploy
        tiny.maximumSize = 10
        let refused = try sniffer.verdict(.fileDescriptor(handle.fileDescriptor), declared: "image/png", policy: tiny)
        #expect(refused.reasonCodes == [.tooLarge])
        #expect(refused.sniff.mediaType == .imagePNG)
    }
}
