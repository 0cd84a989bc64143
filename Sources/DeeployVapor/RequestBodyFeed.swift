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
    /// What has arrived and who waits for it.
    ///
    /// Vapor hands over a streamed body one part at a time, the next only once the previous
    /// part's future has completed, but a body it has already collected (a small body that came
    /// with the head, or none) arrives all at once: its buffer and its end, without waiting. So
    /// every event is queued, never dropped: a dropped end left the reader waiting forever.
    private struct State: ~Copyable {
        /// Events not yet taken by the reader, in order: buffers, then possibly the end or an error.
        var queue: [BodyStreamResult] = []
        /// The futures of the queued buffers: completed as the reader takes each, so the
        /// decoder reads on no faster than the judge reads.
        var held: [EventLoopPromise<Void>] = []
        /// The reader, waiting for the next event.
        var waiter: CheckedContinuation<ByteBuffer?, any Error>?
        /// The end (nil) or failure the reader has already been given.
        var finished: (any Error)??
        /// The judge is done: parts are acknowledged and dropped until the end.
        var discarding = false
    }

    private let state = Mutex(State())
    private let eventLoop: any EventLoop

    /// Starts reading `request`'s body; the parts wait for ``next()``.
    init(request: Request) {
        eventLoop = request.eventLoop
        request.body.drain { [self] result in receive(result) }
    }

    private func receive(_ result: BodyStreamResult) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let (hold, resumption): (Bool, (CheckedContinuation<ByteBuffer?, any Error>, Result<ByteBuffer?, any Error>)?) = state.withLock { state in
            if state.discarding || state.finished != nil { return (false, nil) }
            if let waiter = state.waiter, state.queue.isEmpty {
                state.waiter = nil
                switch result {
                case .buffer(let buffer): return (false, (waiter, .success(buffer)))
                case .end:
                    state.finished = .some(nil)
                    return (false, (waiter, .success(nil)))
                case .error(let error):
                    state.finished = .some(error)
                    return (false, (waiter, .failure(error)))
                }
            }
            state.queue.append(result)
            if case .buffer = result {
                // Held until the reader takes it: the decoder reads no more meanwhile.
                state.held.append(promise)
                return (true, nil)
            }
            return (false, nil)
        }
        if let (continuation, value) = resumption {
            continuation.resume(with: value)
        }
        if !hold {
            promise.succeed(())
        }
        return promise.futureResult
    }

    /// The next part of the body; nil at its end.
    /// - Throws: what the body's stream failed with.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { continuation in
            let taken: (Result<ByteBuffer?, any Error>, EventLoopPromise<Void>?)? = state.withLock { state in
                if !state.queue.isEmpty {
                    switch state.queue.removeFirst() {
                    case .buffer(let buffer):
                        return (.success(buffer), state.held.removeFirst())
                    case .end:
                        state.finished = .some(nil)
                        return (.success(nil), nil)
                    case .error(let error):
                        state.finished = .some(error)
                        return (.failure(error), nil)
                    }
                }
                if let finished = state.finished {
                    return (finished.map { .failure($0) } ?? .success(nil), nil)
                }
                if state.discarding { return (.success(nil), nil) }
                if state.waiter != nil { return (.failure(ConcurrentReadError()), nil) }
                state.waiter = continuation
                return nil
            }
            if let (value, promise) = taken {
                promise?.succeed(())
                continuation.resume(with: value)
            }
        }
    }

    /// Stops holding the body: what is queued is dropped, and every further part is
    /// acknowledged at once, so Vapor reads the upload to its end and the connection serves on.
    func discardRest() {
        let released: [EventLoopPromise<Void>] = state.withLock { state in
            guard !state.discarding else { return [] }
            state.discarding = true
            state.queue.removeAll()
            defer { state.held.removeAll() }
            return state.held
        }
        for promise in released { promise.succeed(()) }
    }

    /// Two readers asked for the next part at once.
    struct ConcurrentReadError: Error {}
}

struct RequestBodyChunks: AsyncSequence {
    typealias Element = ByteBuffer
    let feed: RequestBodyFeed

    struct AsyncIterator: AsyncIteratorProtocol {
        let feed: RequestBodyFeed
        mutating func next() async throws -> ByteBuffer? { try await feed.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(feed: feed) }
}
