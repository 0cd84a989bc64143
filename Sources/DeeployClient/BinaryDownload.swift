public import DeeployPayload
import AsyncHTTPClient
import CLibCrypto
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DeeployClient {
    /// Judges and sends `payload`, and writes a 2xx answer's body to the file at `path` as it
    /// arrives (created or truncated), hashing it on the way: memory stays bounded at any size.
    ///
    /// - Throws: as ``call(_:endpoint:options:)``, plus
    ///   ``DeeployClientError/destinationUnwritable(path:reason:)`` and
    ///   ``DeeployClientError/responseTooLarge(limit:declaredLength:)`` past
    ///   ``Configuration/maximumDownloadSize`` (the partial file is removed).
    public func download(
        _ payload: Payload, endpoint: InferenceEndpoint = .predict, options: InferenceOptions = InferenceOptions(), to path: String
    ) async throws(DeeployClientError) -> DownloadedBody {
        let chunks = try await responseStream(payload, endpoint: endpoint, options: options)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .destinationUnwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        do {
            for try await chunk in chunks {
                try chunk.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let written = write(descriptor, raw.baseAddress! + done, raw.count - done)
                        if written < 0 && errno == EINTR { continue }
                        guard written > 0 else {
                            throw DeeployClientError.destinationUnwritable(path: path, reason: String(cString: strerror(errno)))
                        }
                        done += written
                    }
                }
            }
        } catch {
            unlink(path)
            throw Self.clientError(error)
        }
        guard let digest = chunks.sha256 else { throw .transport("libcrypto could not compute SHA-256") }
        return DownloadedBody(status: chunks.status, mediaType: chunks.mediaType, size: chunks.bytesRead, sha256: digest, path: path)
    }

    /// Judges and sends `payload`, and hands back a 2xx answer's body as it arrives, hashed on
    /// the way (``ResponseChunks/sha256`` once it is read to its end).
    public func responseStream(
        _ payload: Payload, endpoint: InferenceEndpoint = .predict, options: InferenceOptions = InferenceOptions()
    ) async throws(DeeployClientError) -> ResponseChunks {
        let body = try await Self.typed { try await self.judge(payload) }
        let url = deployment.url(for: endpoint, query: options.query(for: endpoint, stream: false))
        let limit = configuration.maximumDownloadSize
        return try await Self.typed {
            try await self.transport.send(body, url: url, retryTruncated: false) { response, attempts in
                let declared = response.headers.first(name: "content-length").flatMap { Int($0) }
                if let limit, let declared, declared > limit {
                    throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: declared)
                }
                let mediaType = response.headers.first(name: "content-type").flatMap { try? MediaType.parse($0) } ?? .applicationOctetStream
                return ResponseChunks(
                    body: response.body, status: Int(response.status.code), mediaType: mediaType, limit: limit, attempts: attempts)
            }
        }
    }
}

/// A response body as it arrives, chunk by chunk, with its SHA-256 computed on the way.
/// Iterate it once; ``sha256`` and ``bytesRead`` are final after the last chunk.
public final class ResponseChunks: AsyncSequence, Sendable {
    /// A chunk of the body.
    public typealias Element = [UInt8]

    /// The HTTP status.
    public let status: Int
    /// The media type from `Content-Type` (`application/octet-stream` when there was none).
    public let mediaType: MediaType
    let body: HTTPClientResponse.Body
    let limit: Int?
    let attempts: Int
    private let state = Mutex<(count: Int, digest: String?)>((0, nil))
    private let hasher: StreamingSHA256?

    init(body: HTTPClientResponse.Body, status: Int, mediaType: MediaType, limit: Int?, attempts: Int) {
        self.body = body
        self.status = status
        self.mediaType = mediaType
        self.limit = limit
        self.attempts = attempts
        self.hasher = StreamingSHA256()
    }

    /// The bytes read so far.
    public var bytesRead: Int { state.withLock { $0.count } }

    /// The SHA-256 of the whole body, 64 lowercase hex digits; nil until the body has been read
    /// to its end.
    public var sha256: String? { state.withLock { $0.digest } }

    /// Reads the next chunk.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let owner: ResponseChunks
        var body: HTTPClientResponse.Body.AsyncIterator

        /// The next chunk, or nil at the end.
        ///
        /// - Throws: ``DeeployClientError/responseTooLarge(limit:declaredLength:)`` past the
        ///   limit, ``DeeployClientError/truncatedResponse(received:attempts:)`` when the
        ///   connection closes early.
        public mutating func next() async throws -> [UInt8]? {
            let received = owner.bytesRead
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                throw Transport.bodyError(error, received: received, attempts: owner.attempts)
            }
            guard let chunk else {
                let digest = owner.hasher?.finish()
                owner.state.withLock { $0.digest = digest }
                return nil
            }
            if let limit = owner.limit, received + chunk.readableBytes > limit {
                throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: nil)
            }
            let bytes = Array(chunk.readableBytesView)
            owner.hasher?.update(bytes)
            owner.state.withLock { $0.count += bytes.count }
            return bytes
        }
    }

    /// The iterator; the body can be read once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(owner: self, body: body.makeAsyncIterator())
    }
}

/// SHA-256 fed chunk by chunk through libcrypto's EVP interface; it equals the package's
/// one-shot digest (`BinaryBody.sha256`) of the same bytes.
final class StreamingSHA256: Sendable {
    // The context is used by one iterator at a time (a body is read once, in order), and the
    // lock makes that explicit.
    private let context: Mutex<OpaquePointer?>

    init?() {
        guard let context = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            return nil
        }
        self.context = Mutex(context)
    }

    deinit { context.withLock { if let context = $0 { EVP_MD_CTX_free(context) } } }

    func update(_ bytes: [UInt8]) {
        context.withLock { context in
            guard let context else { return }
            _ = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
    }

    /// The digest as 64 lowercase hex digits, or nil when libcrypto failed.
    func finish() -> String? {
        context.withLock { context -> String? in
            guard let context else { return nil }
            var digest = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            let status = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            guard status == 1, length == 32 else { return nil }
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
        }
    }
}
