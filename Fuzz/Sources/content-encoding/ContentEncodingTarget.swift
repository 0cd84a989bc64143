import DeeployPayload
import DeeployTestSupport
import Dispatch
import FuzzSupport

/// Declared types to judge every body against.
private let declaredTypes: [String?] = [nil, "application/json", "image/png", "application/pdf", "text/plain", "video/mp4"]

/// Content-Encoding values to send, with the format a plain input is compressed to for them.
private let encodings: [(String, Deflater.Format)] = [("gzip", .gzip), ("x-gzip", .gzip), ("deflate", .zlib), ("deflate", .raw)]

/// The gate's Content-Encoding path (`GateInvariants` and `EncodingMutations`, shared with the
/// gate's fuzz tests). Choices follow from a hash of the input:
/// - half the time the input is sent as the encoded body itself, so libFuzzer explores gzip and
///   deflate headers, blocks and trailers: the gate ends accepted or refused with a known code,
///   and never decodes past a limit;
/// - otherwise the input is compressed, then either judged as is (the outcome agrees with the
///   one-shot verdict on the input) or mutated first (the outcome checks only).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let done = DispatchSemaphore(value: 0)
    Task {
        await judge(bytes)
        done.signal()
    }
    done.wait()
    return 0
}

private func judge(_ input: [UInt8]) async {
    var rng = input.withUnsafeBytes { SplitMix64(hashing: $0) }
    var trap = Invariant.Trap()
    let (encoding, format) = rng.pick(encodings)
    let declared = rng.pick(declaredTypes)
    var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
    policy.maximumSize = rng.pick([nil, 64, 4096, 1 << 20])
    let asIs = rng.oneIn(2)
    let mutated = !asIs && rng.oneIn(2)
    var body = asIs ? input : Deflater.compress(input, as: format, level: Int32(rng.below(10)))
    if mutated { body = EncodingMutations.mutate(body, with: &rng) }
    // Where the outcome is compared with the plain verdict, no expansion limit may apply.
    let ratio = asIs || mutated ? rng.pick([1, 10, 100]) : 2000
    let gate = PayloadGate(sniffer: Sniffers.builtIn, policy: policy, maximumExpansionRatio: ratio)
    let chunks = Chunks(body, ranges: rng.chunkRanges(count: body.count, maxChunk: rng.pick([5, 300, 20_000])))
    do {
        let outcome = try await gate.judge(contentType: declared, contentEncoding: encoding, body: chunks)
        try GateInvariants.checkOutcome(
            outcome, of: gate, declared: declared, coding: encoding == "deflate" ? .deflate : .gzip, encodedCount: body.count, into: &trap)
        if !asIs && !mutated {
            let oneShot = try Sniffers.builtIn.verdict(input, declared: declared, policy: policy)
            GateInvariants.checkAgreement(outcome, with: oneShot, of: input, context: "\(input.count) bytes as \(encoding)", into: &trap)
        }
    } catch {
        Invariant.fail("judging an in-memory body threw: \(error)")
    }
}

/// Bytes handed over in given chunks.
private struct Chunks: AsyncSequence, Sendable {
    let chunks: [[UInt8]]

    init(_ bytes: [UInt8], ranges: [Range<Int>]) { chunks = ranges.map { Array(bytes[$0]) } }

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<[UInt8]>
        mutating func next() async -> [UInt8]? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}
