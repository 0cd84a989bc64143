import CLibCrypto
import DeeployPayload
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A large non-JSON body, judged by the sniffer as it streams to a file, never held whole.
///
/// The ``PayloadGate`` holds the bodies it judges (up to the policy's maximum size), which a
/// JSON body needs anyway: the splitter reads it whole. An image, a PDF or an octet stream is
/// logged as a binary object, so it need not be held: past
/// ``EmulatorConfiguration/streamingThreshold`` (or with no Content-Length) such a body goes
/// to a temporary file chunk by chunk, its SHA-256 computed on the way, while
/// ``Sniffer/verdict(chunks:declared:policy:)`` judges it in bounded memory. An accepted body's
/// file is renamed to its digest, the binary object; a refused one's is deleted.
struct StreamedUpload {
    /// The stored body: its file, size and digest.
    var path: String
    var size: Int
    var sha256: String
    /// Whether this upload created the file (an identical body may have stored it before).
    var created: Bool

    /// How streaming a body ended.
    enum Outcome {
        case accepted(StreamedUpload, Verdict)
        case rejected(Verdict, bytesRead: Int)
    }

    /// Streams `body` into `directory` while judging it as `declared`.
    static func receive<Body: AsyncSequence>(
        _ body: Body, declared: String, sniffer: Sniffer, policy: AcceptancePolicy, directory: String
    ) async throws -> Outcome where Body.Element == ByteBuffer {
        let partial = directory + "/upload-" + UUID().uuidString.lowercased() + ".part"
        let sink = try Sink(path: partial)
        let verdict: Verdict
        do {
            verdict = try await sniffer.verdict(chunks: Tee(base: body, sink: sink), declared: declared, policy: policy)
            sink.close()
        } catch {
            sink.close()
            unlink(partial)
            throw error
        }
        guard verdict.isAccepted else {
            unlink(partial)
            return .rejected(verdict, bytesRead: sink.size)
        }
        let sha256 = try sink.hasher.finish()
        let path = directory + "/" + sha256
        // Identical bodies share one object: a second copy is dropped, the first kept.
        let created = !FileManager.default.fileExists(atPath: path)
        if created { try FileManager.default.moveItem(atPath: partial, toPath: path) } else { unlink(partial) }
        return .accepted(StreamedUpload(path: path, size: sink.size, sha256: sha256, created: created), verdict)
    }

    /// A disk or libcrypto failure while storing a body.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where the chunks go: the file and the digest.
    final class Sink {
        let descriptor: Int32
        let hasher: StreamingSHA256
        var size = 0
        private var closed = false

        init(path: String) throws {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno))).") }
            hasher = try StreamingSHA256()
        }

        func write(_ buffer: ByteBuffer) throws {
            try buffer.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Failure(description: "cannot store an upload: \(String(cString: strerror(errno))).")
                    }
                    offset += written
                }
                try hasher.update(bytes)
            }
            size += buffer.readableBytes
        }

        func close() {
            guard !closed else { return }
            closed = true
            posixClose(descriptor)
        }
    }

    /// The request body, each chunk written to the sink before the sniffer reads it.
    struct Tee<Base: AsyncSequence>: AsyncSequence where Base.Element == ByteBuffer {
        typealias Element = ByteBufferView
        let base: Base
        let sink: Sink

        struct AsyncIterator: AsyncIteratorProtocol {
            var base: Base.AsyncIterator
            let sink: Sink

            mutating func next() async throws -> ByteBufferView? {
                guard let buffer = try await base.next() else { return nil }
                try sink.write(buffer)
                return buffer.readableBytesView
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), sink: sink) }
    }
}

/// `write(2)` and `close(2)`, named apart from the sink's own `write` and `close`.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func posixClose(_ descriptor: Int32) { _ = close(descriptor) }

/// SHA-256 fed chunk by chunk, by libcrypto's EVP interface (as the CLI's `StreamingSHA256`):
/// the digest of a body that is never held whole, equal to the library's one-shot digest.
final class StreamingSHA256 {
    private let context: OpaquePointer

    init() throws {
        guard let context = EVP_MD_CTX_new() else { throw StreamedUpload.Failure(description: "libcrypto could not compute SHA-256.") }
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw StreamedUpload.Failure(description: "libcrypto could not compute SHA-256.")
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) throws {
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
            throw StreamedUpload.Failure(description: "libcrypto could not compute SHA-256.")
        }
    }

    /// The digest as 64 lowercase hex digits.
    func finish() throws -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard status == 1, length == 32 else { throw StreamedUpload.Failure(description: "libcrypto could not compute SHA-256.") }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
