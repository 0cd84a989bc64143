import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import Foundation
import HTTPTypes
import NIOCore
import StrictJSON

/// One sniffer for the whole test target, as a gateway would have.
let kitSniffer: Sniffer = {
    do { return try Sniffer() } catch { preconditionFailure("libmagic must load for the tests: \(error)") }
}()

/// Bodies, gateways and forms the kit and adapter tests share.
enum KitFixtures {
    /// A corpus file's bytes, such as `valid/image/png-1x1.png`.
    static func corpus(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: TestFiles.packageRoot.appendingPathComponent("Corpus/cases/" + path)))
    }

    /// A gateway with the Deeploy policy and `maximumSize`.
    static func gateway(
        maximumSize: Int? = 1 << 20, checksAuthorization: Bool = false, multipart: MultipartRules = .init()
    ) -> PayloadGateway {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = maximumSize
        return PayloadGateway(gate: PayloadGate(sniffer: kitSniffer, policy: policy), checksAuthorization: checksAuthorization, multipart: multipart)
    }

    /// An ELF executable padded with seeded random bytes to 64 KiB: long enough for the gate to
    /// be certain, at the first chunk, that it is not an image.
    static func elf64KiB() throws -> [UInt8] {
        let elf = try corpus("valid/binary/elf64-executable.elf")
        var rng = SplitMix64(seed: 0xE1F)
        return elf + rng.bytes(64 * 1024 - elf.count)
    }

    /// The problem object of a refusal's body.
    static func problem(_ body: ByteBuffer) throws -> JSONValue {
        try JSONParser.parse(Array(body.readableBytesView))
    }

    /// The `codes` member of a problem object.
    static func codes(_ problem: JSONValue) -> [String] {
        (problem["codes"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Fields with a Content-Type (and more).
    static func fields(_ contentType: String?, _ more: [HTTPField.Name: String] = [:]) -> HTTPFields {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        for (name, value) in more { fields[name] = value }
        return fields
    }
}

/// Chunks as `ByteBuffer`s, counting how often the next one was asked for.
struct BufferChunks: AsyncSequence, Sendable {
    let chunks: [ByteBuffer]
    let pulls = PullCount()

    init(_ chunks: [[UInt8]]) { self.chunks = chunks.map { ByteBuffer(bytes: $0) } }

    /// `bytes` in chunks of at most `size` bytes.
    init(_ bytes: [UInt8], chunkSize size: Int) {
        self.init(stride(from: 0, to: Swift.max(bytes.count, 1), by: size).map { Array(bytes[$0..<Swift.min($0 + size, bytes.count)]) })
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunks: [ByteBuffer]
        let pulls: PullCount
        var index = 0

        mutating func next() async -> ByteBuffer? {
            pulls.increment()
            guard index < chunks.count else { return nil }
            defer { index += 1 }
            return chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks, pulls: pulls) }
}

/// A thread-safe counter.
final class PullCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Builds `multipart/form-data` bodies.
struct FormBuilder {
    var boundary = "deeploy-test-boundary-7MA4YWxkTrZu0gW"
    var parts: [(headers: [String], body: [UInt8])] = []

    /// Adds a file part.
    mutating func file(_ name: String, fileName: String = "upload.bin", contentType: String?, _ body: [UInt8]) {
        var headers = [#"Content-Disposition: form-data; name="\#(name)"; filename="\#(fileName)""#]
        if let contentType { headers.append("Content-Type: \(contentType)") }
        parts.append((headers, body))
    }

    /// Adds a text field.
    mutating func field(_ name: String, _ value: String) {
        parts.append(([#"Content-Disposition: form-data; name="\#(name)""#], Array(value.utf8)))
    }

    /// The Content-Type value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The body, with its closing delimiter unless `closed` is false.
    func body(closed: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            for header in part.headers { out += Array("\(header)\r\n".utf8) }
            out += Array("\r\n".utf8) + part.body + Array("\r\n".utf8)
        }
        if closed { out += Array("--\(boundary)--\r\n".utf8) }
        return out
    }
}
