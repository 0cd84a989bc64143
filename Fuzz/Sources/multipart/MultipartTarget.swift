import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import Dispatch
import FuzzSupport
import HTTPTypes
import Logging
import NIOCore
import StrictJSON

/// The gateway's `multipart/form-data` path (multipart-kit's parser, the part reader, the gate
/// on each file part). Choices follow from a hash of the input:
/// - half the time the input is the form body itself, after the boundary `fuzz-boundary`, so
///   libFuzzer explores delimiters, part headers and truncations: the gateway must answer with
///   an outcome (never throw, never trap), and a refusal must carry a known status, its codes,
///   and a problem body that is JSON with those codes;
/// - otherwise the input is cut into one to four parts of a well-formed form (file parts and
///   text fields, with picked Content-Types); its outcome, judged in random chunks, must equal
///   the outcome of the same body in one chunk (save that one chunk past a size limit is refused
///   for its size, where smaller chunks may show an earlier reason), and an accepted body must be
///   exactly the bytes of the part forwarded.
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

private let boundary = "fuzz-boundary"
private let partTypes: [String?] = [nil, "application/json", "image/png", "application/octet-stream", "text/plain", "image/png\u{0}"]
private let statuses: Set<Int> = [400, 413, 415]
private let sizeCodes: Set<String> = ["too-large", "multipart-part-too-large"]
private let logger = Logger(label: "fuzz-multipart", factory: { _ in SwiftLogNoOpLogHandler() })

private func gateway(_ rng: inout SplitMix64) -> PayloadGateway {
    var policy = AcceptancePolicy.deeploy
    policy.maximumSize = rng.pick([nil, 512, 8192, 1 << 20])
    let rules = MultipartRules(
        maximumPartSize: rng.pick([nil, 64, 4096]), maximumPartCount: rng.pick([1, 3, 100]),
        forwardedPart: rng.pick([nil, "f0", "f1", "missing"])
    )
    return PayloadGateway(gate: PayloadGate(sniffer: Sniffers.builtIn, policy: policy), multipart: rules)
}

private func judge(_ input: [UInt8]) async {
    var rng = input.withUnsafeBytes { SplitMix64(hashing: $0) }
    let gateway = gateway(&rng)
    var fields = HTTPFields()
    fields[.contentType] = "multipart/form-data; boundary=\(boundary)"
    let raw = rng.oneIn(2)
    var parts: [(name: String, isFile: Bool, body: [UInt8])] = []
    var body = input
    if !raw {
        body = []
        var rest = input[...]
        for index in 0..<(1 + rng.below(4)) {
            let take = rest.isEmpty ? 0 : rng.below(rest.count + 1)
            let bytes = Array(rest.prefix(take))
            rest = rest.dropFirst(take)
            // A delimiter inside a part would end it: keep such inputs to the raw half.
            if contains(bytes, Array(boundary.utf8)) { return }
            let isFile = rng.oneIn(3) == false
            let name = "f\(index)"
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"".utf8)
            if isFile { body += Array("; filename=\"x\(index)\"".utf8) }
            body += Array("\r\n".utf8)
            if let type = rng.pick(partTypes) { body += Array("Content-Type: \(type)\r\n".utf8) }
            body += Array("\r\n".utf8) + bytes + Array("\r\n".utf8)
            parts.append((name, isFile, bytes))
        }
        body += Array("--\(boundary)--\r\n".utf8)
    }
    let ranges = rng.chunkRanges(count: body.count, maxChunk: rng.pick([1, 7, 300, 20_000]))
    do {
        let outcome = try await gateway.judge(fields: fields, body: Buffers(ranges.map { Array(body[$0]) }), logger: logger)
        check(outcome, gateway: gateway)
        guard !raw else { return }
        let whole = try await gateway.judge(fields: fields, body: Buffers([body]), logger: logger)
        let disagreement = "chunked \(String(describing: outcome.refusal?.codes)) vs whole \(String(describing: whole.refusal?.codes))"
        if let chunked = outcome.refusal?.codes, let one = whole.refusal?.codes, chunked != one {
            // A body or a part is refused at the first chunk that takes it past its limit,
            // without that chunk being looked at: smaller chunks can show another reason first
            // (a part's invalid type, say), where one chunk shows only the size.
            Invariant.require(one.contains(where: sizeCodes.contains), disagreement)
        } else {
            Invariant.require(outcome.refusal?.codes == whole.refusal?.codes, disagreement)
        }
        Invariant.require(outcome.acceptance?.bytes == whole.acceptance?.bytes, "chunked and whole forward different bytes")
        if let acceptance = outcome.acceptance {
            let forwarded = parts.first { $0.name == acceptance.partName }
            Invariant.require(forwarded?.body == acceptance.bytes, "forwarded bytes are not part \(acceptance.partName ?? "nil")'s")
            if let wanted = gateway.multipart.forwardedPart {
                Invariant.require(acceptance.partName == wanted, "forwarded \(acceptance.partName ?? "nil"), not \(wanted)")
            } else {
                Invariant.require(parts.first(where: \.isFile)?.name == acceptance.partName, "forwarded a part that is not the first file part")
            }
        }
    } catch {
        Invariant.fail("judging an in-memory form threw: \(error)")
    }
}

/// A refusal's status is known, its codes non-empty, its problem body JSON with those codes.
private func check(_ outcome: GatewayOutcome, gateway: PayloadGateway) {
    switch outcome {
    case .forward(let acceptance):
        if let limit = gateway.multipart.maximumPartSize ?? gateway.gate.policy.maximumSize {
            Invariant.require(acceptance.body.readableBytes <= limit, "forwarded \(acceptance.body.readableBytes) bytes past the limit \(limit)")
        }
    case .refuse(let refusal):
        Invariant.require(statuses.contains(refusal.status.code), "status \(refusal.status.code)")
        Invariant.require(!refusal.codes.isEmpty, "a refusal without codes")
        do {
            let problem = try JSONParser.parse(Array(refusal.body.readableBytesView))
            let codes = (problem["codes"]?.arrayValue ?? []).compactMap(\.stringValue)
            Invariant.require(codes == refusal.codes, "problem codes \(codes) vs \(refusal.codes)")
        } catch {
            Invariant.fail("the problem body is not JSON: \(error)")
        }
    }
}

/// Bytes handed over as `ByteBuffer`s in given chunks.
private struct Buffers: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [[UInt8]]

    init(_ chunks: [[UInt8]]) { self.chunks = chunks }

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<[UInt8]>
        mutating func next() async -> ByteBuffer? { rest.popFirst().map { ByteBuffer(bytes: $0) } }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}

/// Whether `needle` occurs in `haystack`.
private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
}
