import Foundation

/// Given chunks as an asynchronous sequence, counting how many times the next one was asked for
/// (the last ask, which finds the end, included).
struct CountedChunks: AsyncSequence, Sendable {
    let chunks: [[UInt8]]
    let pulls = PullCounter()

    init(_ chunks: [[UInt8]]) { self.chunks = chunks }

    /// `bytes` cut at `ranges`.
    init(_ bytes: [UInt8], ranges: [Range<Int>]) { self.init(ranges.map { Array(bytes[$0]) }) }

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunks: [[UInt8]]
        let pulls: PullCounter
        var index = 0

        mutating func next() async -> [UInt8]? {
            pulls.increment()
            guard index < chunks.count else { return nil }
            defer { index += 1 }
            return chunks[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks, pulls: pulls) }
}

final class PullCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
