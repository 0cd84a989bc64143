public import StrictJSON
import Synchronization

/// A request body to send, and the Content-Type declared for it (nil: the type the verdict
/// recommends for its bytes, `application/json` for JSON).
///
/// Every payload is judged by the client's `AcceptancePolicy` before a byte goes out, and
/// each kind waits for its verdict in its own way:
/// - **JSON** (`json(_:)`, ``encoding(_:)``) is serialised, then judged on every byte.
/// - **Bytes** (``bytes(_:declared:)``) are judged on every byte.
/// - **A file** (``file(path:declared:)``) is judged in a first pass over the file, in bounded
///   memory (the sniffer reads large files in 1 MiB chunks; JSON validity needs every byte, an
///   image only its head and tail), then streamed from the same open descriptor in
///   ``DeeployClient/Configuration/uploadChunkSize`` chunks, read into four buffers used in
///   turn, so at most four chunks are in memory whatever the file's size. A file over the policy's
///   `AcceptancePolicy/maximumSize` is refused from its size alone. The size and modification
///   time are checked again before each attempt and the upload sends exactly the judged length,
///   so a file that changes after its verdict ends the call
///   (``DeeployClientError/payloadChanged(path:)``) and is never retried.
/// - **A stream** (``stream(_:declared:)``) cannot be read twice, so it is read once, whole,
///   into a buffer of at most ``DeeployClient/Configuration/streamBufferLimit`` bytes, judged
///   there, and sent from that buffer: a retry resends the judged copy and never asks the
///   stream again. A longer stream is refused with
///   ``DeeployClientError/streamTooLarge(limit:)``; send a file instead.
public struct Payload: Sendable {
    enum Source: Sendable {
        case json(JSONValue)
        case bytes([UInt8])
        case file(path: String)
        case stream(StreamSource)
    }

    let source: Source
    /// The Content-Type value to declare; nil to let the verdict pick.
    public let declared: String?

    /// A JSON value, sent as `application/json` (or `declared`).
    public static func json(_ value: JSONValue, declared: String? = nil) -> Payload {
        Payload(source: .json(value), declared: declared)
    }

    /// A typed shape (`V1PredictRequest`, `InferenceRequestV2`, `CompletionRequest`, or any
    /// `Encodable`) encoded by StrictJSON, sent as `application/json`.
    ///
    /// - Throws: ``DeeployClientError/encodingFailed(_:)``.
    public static func encoding(_ value: some Encodable) throws(DeeployClientError) -> Payload {
        do {
            return Payload(source: .json(try StrictJSONEncoder().encodeToValue(value)), declared: nil)
        } catch {
            throw .encodingFailed(String(describing: error))
        }
    }

    /// Bytes in memory: raw JSON text, an image, a PDF, anything.
    public static func bytes(_ bytes: [UInt8], declared: String? = nil) -> Payload {
        Payload(source: .bytes(bytes), declared: declared)
    }

    /// The file at `path`, streamed from disk after its verdict. A path that is not a regular
    /// file (a pipe, a device) is read as a stream.
    public static func file(path: String, declared: String? = nil) -> Payload {
        Payload(source: .file(path: path), declared: declared)
    }

    /// An asynchronous sequence of byte chunks, read once, whole, then judged and sent.
    public static func stream<Chunks: AsyncSequence & Sendable>(
        _ chunks: Chunks, declared: String? = nil
    ) -> Payload where Chunks.Element: Collection<UInt8> {
        Payload(source: .stream(StreamSource(chunks)), declared: declared)
    }

    /// The JSON value, when the payload is one.
    var jsonValue: JSONValue? {
        if case .json(let value) = source { value } else { nil }
    }
}

/// A stream payload: read at most once, into memory, up to a limit.
final class StreamSource: Sendable {
    private let read: @Sendable (Int) async throws -> [UInt8]
    private let consumed = Mutex(false)

    init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element: Collection<UInt8> {
        read = { limit in
            var bytes: [UInt8] = []
            for try await chunk in chunks {
                guard bytes.count + chunk.count <= limit else { throw DeeployClientError.streamTooLarge(limit: limit) }
                bytes.append(contentsOf: chunk)
            }
            return bytes
        }
    }

    /// Every byte of the stream, once.
    ///
    /// - Throws: ``DeeployClientError/streamAlreadyConsumed`` on a second call, and
    ///   ``DeeployClientError/streamTooLarge(limit:)`` past `limit`.
    func readAll(limit: Int) async throws -> [UInt8] {
        let first = consumed.withLock { consumed in
            defer { consumed = true }
            return !consumed
        }
        guard first else { throw DeeployClientError.streamAlreadyConsumed }
        return try await read(limit)
    }
}
