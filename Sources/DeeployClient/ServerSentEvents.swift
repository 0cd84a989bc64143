import DeeployPayload
import AsyncHTTPClient
import NIOCore
public import StrictJSON

extension DeeployClient {
    /// `POST …/completions` with `stream=true`: the completion's chunks as they come
    /// (server-sent events, each `data:` a JSON chunk, ended by `data: [DONE]`).
    ///
    /// A JSON object payload gets `"stream": true` added. Retries apply until the answer's
    /// head arrives; once chunks flow, a failure ends the sequence with a typed error.
    public func completionsStream(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> CompletionChunks {
        try await stream(payload, endpoint: .completions, options: options)
    }

    /// `POST …/chat/completions` with `stream=true`: the chat completion's chunks as they come.
    public func chatCompletionsStream(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> CompletionChunks {
        try await stream(payload, endpoint: .chatCompletions, options: options)
    }

    private func stream(_ payload: Payload, endpoint: InferenceEndpoint, options: InferenceOptions) async throws(DeeployClientError) -> CompletionChunks {
        if let batches = options.batches, batches > 1 {
            throw .batchingNotApplicable("a streamed completion cannot be split into batches")
        }
        var payload = payload
        if case .object(var object)? = payload.jsonValue {
            object["stream"] = true
            payload = .json(.object(object), declared: payload.declared)
        }
        let body = try await Self.typed { try await self.judge(payload) }
        let url = deployment.url(for: endpoint, query: options.query(for: endpoint, stream: true))
        let limit = configuration.maximumResponseSize
        return try await Self.typed {
            try await self.transport.send(body, url: url, retryTruncated: false) { response, attempts in
                CompletionChunks(body: response.body, isEventStream: Self.isEventStream(response), limit: limit, attempts: attempts)
            }
        }
    }

    private static func isEventStream(_ response: HTTPClientResponse) -> Bool {
        guard let value = response.headers.first(name: "content-type"), let type = try? MediaType.parse(value) else { return false }
        return type.essence == "text/event-stream"
    }
}

/// The chunks of a streamed completion, each a JSON value, as an `AsyncSequence`. Iterate it
/// once.
///
/// Events are read by the server-sent events rules (WHATWG HTML §9.2): lines end with LF, CR LF
/// or CR; `data:` lines of one event are joined with LF; a blank line ends an event; comments
/// (`:`) and other fields are skipped. `data: [DONE]` ends the sequence, as OpenAI-style servers
/// send. A server that answers with JSON rather than an event stream yields that one value.
public struct CompletionChunks: AsyncSequence, Sendable {
    /// A decoded chunk.
    public typealias Element = JSONValue

    let body: HTTPClientResponse.Body
    let isEventStream: Bool
    let limit: Int
    let attempts: Int

    /// Reads the next chunk.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator
        let isEventStream: Bool
        let limit: Int
        let attempts: Int
        var parser = EventParser()
        var pending: [JSONValue] = []
        var finished = false
        var received = 0

        /// The next chunk, or nil after `[DONE]` or the end of the body.
        ///
        /// - Throws: ``DeeployClientError/invalidStreamChunk(_:)`` for a chunk that is not JSON,
        ///   ``DeeployClientError/responseTooLarge(limit:declaredLength:)`` for an event longer
        ///   than the response limit, or a connection error.
        public mutating func next() async throws -> JSONValue? {
            while true {
                if !pending.isEmpty { return pending.removeFirst() }
                if finished { return nil }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body.next()
                } catch {
                    throw Transport.bodyError(error, received: received, attempts: attempts)
                }
                guard let chunk else {
                    finished = true
                    if isEventStream {
                        if let data = parser.finish() { try take(data) }
                    } else {
                        pending.append(try Self.decode(parser.raw))
                    }
                    continue
                }
                received += chunk.readableBytes
                if isEventStream {
                    for data in try parser.feed(chunk.readableBytesView, limit: limit) {
                        try take(data)
                        if finished { break }
                    }
                } else {
                    guard parser.raw.count + chunk.readableBytes <= limit else {
                        throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: nil)
                    }
                    parser.raw += chunk.readableBytesView
                }
            }
        }

        private mutating func take(_ data: [UInt8]) throws {
            if data == Array("[DONE]".utf8) {
                finished = true
                return
            }
            pending.append(try Self.decode(data))
        }

        private static func decode(_ bytes: [UInt8]) throws -> JSONValue {
            do {
                return try JSONParser.parse(bytes)
            } catch {
                throw DeeployClientError.invalidStreamChunk(error)
            }
        }
    }

    /// The iterator; the body can be read once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body.makeAsyncIterator(), isEventStream: isEventStream, limit: limit, attempts: attempts)
    }
}

/// The server-sent events line reader: bytes in, each event's joined `data` out.
struct EventParser: Sendable {
    var line: [UInt8] = []
    var data: [UInt8]?
    var raw: [UInt8] = []
    var lastWasCR = false

    /// The `data` of each event the bytes complete.
    mutating func feed(_ bytes: some Collection<UInt8>, limit: Int) throws -> [[UInt8]] {
        var events: [[UInt8]] = []
        for byte in bytes {
            if byte == 0x0A && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if let event = endLine() { events.append(event) }
            } else {
                guard line.count + (data?.count ?? 0) < limit else {
                    throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: nil)
                }
                line.append(byte)
            }
        }
        return events
    }

    /// The last event's data, when the body ended without its blank line.
    mutating func finish() -> [UInt8]? {
        if !line.isEmpty { _ = endLine() }
        defer { data = nil }
        return data
    }

    private mutating func endLine() -> [UInt8]? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            defer { data = nil }
            return data
        }
        let colon = line.firstIndex(of: 0x3A) ?? line.endIndex
        guard line[..<colon].elementsEqual("data".utf8) else { return nil }
        var value = line[colon...].dropFirst()
        if value.first == 0x20 { value = value.dropFirst() }
        if data == nil {
            data = Array(value)
        } else {
            data! += [0x0A] + value
        }
        return nil
    }
}
