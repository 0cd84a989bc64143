import DeeployPayload
import MultipartKit
import NIOCore

/// A refusal found while reading a `multipart/form-data` body, thrown out of the part being
/// judged (through the gate) to the ``MultipartJudge``.
struct MultipartStop: Error {
    var reason: PayloadGate.Reason
    var partName: String?
}

/// Pulls a `multipart/form-data` body through multipart-kit's `MultipartParser` and hands out
/// its events one at a time: a part's headers, its body chunks, its end.
///
/// The parser is push-based: each chunk of the body it is given yields callbacks for every
/// event in that chunk. The reader asks its body for a chunk only when the events of the last
/// one have been taken, so it holds at most one chunk's events, and the body is read no faster
/// than the parts are judged.
final class MultipartReader<Base: AsyncIteratorProtocol> where Base.Element == ByteBuffer {
    /// One thing the parser found.
    enum Event {
        /// A header of the current part.
        case header(name: String, value: String)
        /// Bytes of the current part's body.
        case body(ByteBuffer)
        /// The current part ended at its closing delimiter.
        case partEnd
    }

    /// Where the parser's callbacks put their events.
    private final class Sink {
        var events: [Event] = []
        var index = 0
    }

    private var base: Base
    private let parser: MultipartParser
    /// Keeps the bytes that crash the parser from reaching it.
    private var headerNameGuard: HeaderNameGuard
    private let sink = Sink()
    private var ended = false
    /// The most bytes the whole body may have, or nil.
    private let limit: Int?
    /// The bytes of the body read so far.
    private(set) var bytesRead = 0

    /// A reader of `base` with `boundary` (non-empty: the parser requires it), refusing a body
    /// past `limit` bytes.
    init(_ base: Base, boundary: String, limit: Int?) {
        precondition(!boundary.isEmpty, "MultipartForm checks the boundary is not empty")
        self.base = base
        self.limit = limit
        parser = MultipartParser(boundary: boundary)
        headerNameGuard = HeaderNameGuard(boundary: boundary)
        parser.onHeader = { [sink] name, value in sink.events.append(.header(name: name, value: value)) }
        parser.onBody = { [sink] buffer in sink.events.append(.body(buffer)) }
        parser.onPartComplete = { [sink] in sink.events.append(.partEnd) }
    }

    /// The next event without taking it, or nil at the end of the body.
    nonisolated(nonsending) func peek() async throws -> Event? {
        while sink.index >= sink.events.count {
            sink.events.removeAll(keepingCapacity: true)
            sink.index = 0
            guard !ended, let chunk = try await base.next(isolation: #isolation) else {
                ended = true
                return nil
            }
            bytesRead += chunk.readableBytes
            if let limit, bytesRead > limit {
                throw MultipartStop(reason: PayloadGate.Reason(
                    PayloadGate.Code(.tooLarge),
                    "the multipart body is more than \(limit) bytes, the most this policy accepts; reading stopped there."
                ))
            }
            let start = bytesRead - chunk.readableBytes
            if let (offset, byte) = headerNameGuard.firstUnsafeByte(in: chunk.readableBytesView) {
                throw MultipartStop(reason: PayloadGate.Reason(
                    .multipartInvalid,
                    "the body is not valid multipart/form-data: a part's header name holds the byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(start + offset); a header name is ASCII letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110), and any other text belongs in the header's value."
                ))
            }
            do {
                try parser.execute(chunk)
            } catch {
                throw MultipartStop(reason: PayloadGate.Reason(
                    .multipartInvalid,
                    "the body is not valid multipart/form-data: a part's headers are malformed near byte \(start) to \(bytesRead) (each header is Name: value ending in CRLF, and an empty line ends them)."
                ))
            }
        }
        return sink.events[sink.index]
    }

    /// Takes the next event, or nil at the end of the body.
    nonisolated(nonsending) func next() async throws -> Event? {
        let event = try await peek()
        if event != nil { sink.index += 1 }
        return event
    }
}

/// The body of one part, as chunks for ``PayloadGate``: ends at the part's closing delimiter,
/// and throws ``MultipartStop`` when the part passes its size limit or the body ends inside it.
struct PartChunks<Base: AsyncIteratorProtocol>: AsyncSequence where Base.Element == ByteBuffer {
    typealias Element = ByteBufferView

    let reader: MultipartReader<Base>
    /// The most bytes the part may have, or nil.
    let limit: Int?
    /// The part's field name, for messages.
    let name: String?
    /// The part's position, from 1, for messages.
    let number: Int

    func makeAsyncIterator() -> Iterator { Iterator(chunks: self) }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: PartChunks
        var count = 0
        var done = false

        nonisolated(nonsending) mutating func next() async throws -> ByteBufferView? {
            guard !done else { return nil }
            switch try await chunks.reader.next() {
            case .body(let buffer):
                count += buffer.readableBytes
                if let limit = chunks.limit, count > limit {
                    throw MultipartStop(reason: PayloadGate.Reason(
                        .multipartPartTooLarge,
                        "part \(chunks.number)\(chunks.described) is more than \(limit) bytes, the most one part may have; reading stopped there."
                    ), partName: chunks.name)
                }
                return buffer.readableBytesView
            case .partEnd:
                done = true
                return nil
            case .header, nil:
                throw MultipartStop(reason: PayloadGate.Reason(
                    .multipartInvalid,
                    "the body is not valid multipart/form-data: it ends inside part \(chunks.number)\(chunks.described), before the closing boundary; send the whole form."
                ), partName: chunks.name)
            }
        }
    }

    /// ` (form field "name")`, or nothing for a part without a name.
    var described: String { name.map { " (form field \(GatewayText.quoted($0)))" } ?? "" }
}
