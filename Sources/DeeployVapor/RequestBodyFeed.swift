import NIOCore
import Synchronization
import Vapor

/// A request's body as an async sequence of `ByteBuffer`s for the judge, read through
/// `Request.Body.drain`, that can be switched to discarding what is left once the judge is done.
///
/// Why not iterate `request.body` (Vapor 4.122's own AsyncSequence): when its iterator is dropped
/// before the body ends (a refusal at the size limit, or at the first chunk of a mismatched
/// upload), Vapor's adapter fails the next chunk's write with a CancellationError; the
/// `HTTPServerRequestDecoder`'s body state then stays in its error state and never calls
/// `context.read()` again, and Vapor's own drain after the response (on `ResponseEndSentEvent`)
/// is skipped because the stream counts as "being read". The connection stops reading with the
/// rest of the upload unread, and the client, still sending, never finishes its request.
/// Reading with `drain` ourselves keeps the connection's backpressure in our hands: one chunk at a
/// time while the judge reads, then every further chunk acknowledged at once and dropped, so
/// the decoder reads the upload to its end (or to the client's close) holding nothing, and the
/// connection stays usable for keep-alive.
final class RequestBodyFeed: Sendable {
    private enum State {
        /// Nothing pending, no reader waiting.
        case idle
        /// A chunk the reader has not taken yet; its promise lets the decoder read on.
        case pending(ByteBuffer, EventLoopPromise<Void>)
        /// The reader waits for the next chunk.
        case waiting(CheckedContinuation<ByteBuffer?, any Error>)
        /// The body ended (nil) or failed.
        case finished((any Error)?)
        /// The judge is done: chunks are acknowledged and dropped until the end.
        case discarding
    }

    private let state = Mutex(State.idle)
    private let eventLoop: any EventLoop

    /// Starts reading `request`'s body; the chunks wait for ``next()``.
    init(request: Request) {
        eventLoop = request.eventLoop
        request.body.drain { [self] result in receive(result) }
    }

    /// What the body stream hands over: a future completed when the decoder may read on.
    /// Promises are completed and continuations resumed outside the lock: completing a promise on
    /// the event loop runs Vapor's callbacks at once, which may hand over the next part.
    private func receive(_ result: BodyStreamResult) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let (hold, resumption): (Bool, (CheckedContinuation<ByteBuffer?, any Error>, Result<ByteBuffer?, any Error>)?) = state.withLock { state in
            switch (state, result) {
            case (.discarding, _), (.finished, _):
                return (false, nil)
            case (.waiting(let continuation), .buffer(let buffer)):
                state = .idle
                return (false, (continuation, .success(buffer)))
            case (.waiting(let continuation), .end):
                state = .finished(nil)
                return (false, (continuation, .success(nil)))
            case (.waiting(let continuation), .error(let error)):
                state = .finished(error)
                return (false, (continuation, .failure(error)))
            case (.idle, .buffer(let buffer)):
                // Held until the reader takes it: the decoder reads no more meanwhile.
                state = .pending(buffer, promise)
                return (true, nil)
            case (.idle, .end):
                state = .finished(nil)
                return (false, nil)
            case (.idle, .error(let error)):
                state = .finished(error)
                return (false, nil)
            case (.pending, _):
                // Vapor hands over the next part only after the previous one's future completed.
                return (false, nil)
            }
        }
        if let (continuation, value) = resumption {
            continuation.resume(with: value)
        }
        if !hold {
            promise.succeed(())
        }
        return promise.futureResult
    }

    /// The next chunk, or nil at the body's end.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { continuation in
            let taken: (Result<ByteBuffer?, any Error>, EventLoopPromise<Void>?)? = state.withLock { state in
                switch state {
                case .pending(let buffer, let promise):
                    state = .idle
                    return (.success(buffer), promise)
                case .idle:
                    state = .waiting(continuation)
                    return nil
                case .finished(let error):
                    return (error.map { .failure($0) } ?? .success(nil), nil)
                case .discarding:
                    return (.success(nil), nil)
                case .waiting:
                    return (.failure(ConcurrentReadError()), nil)
                }
            }
            if let (value, promise) = taken {
                promise?.succeed(())
                continuation.resume(with: value)
            }
        }
    }

    /// Stops holding chunks: the one pending and all that follow are dropped, so the decoder reads
    /// the rest of the upload (memory: nothing beyond the chunk being read).
    func discardRest() {
        let released: EventLoopPromise<Void>? = state.withLock { state in
            switch state {
            case .pending(_, let promise):
                state = .discarding
                return promise
            case .idle:
                state = .discarding
                return nil
            case .waiting, .finished, .discarding:
                return nil
            }
        }
        released?.succeed(())
    }

    /// A second reader waited while one was already waiting (the judge reads sequentially).
    struct ConcurrentReadError: Error {}
}

/// ``RequestBodyFeed`` as the async sequence the gateway judges.
struct RequestBodyChunks: AsyncSequence {
    typealias Element = ByteBuffer
    let feed: RequestBodyFeed

    struct AsyncIterator: AsyncIteratorProtocol {
        let feed: RequestBodyFeed
        mutating func next() async throws -> ByteBuffer? { try await feed.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(feed: feed) }
}
