/// Output gathered in a chunk of memory and passed on a chunk at a time: the buffer of
/// ``JSONSerializer/reformat(_:indent:options:chunkSize:to:)`` and of `PrettyJSONWriter`.
///
/// A raw buffer rather than a `[UInt8]`: appending each token and line break to an array (its
/// uniqueness and capacity checks, and the retain of a slice of the line break) took 29% more
/// CPU time for `split --format json` on a 20 MB call (372 against 288 ms in perf samples).
/// Short runs are copied as two 8-byte words into the slack past the capacity (``putShort(_:count:)``):
/// 75 against 89 ms of perf samples in the reformatting on that call.
struct ChunkOutput {
    /// Bytes past a chunk's capacity that a 16-byte copy may write (and that no chunk passes on).
    static let slack = 16

    /// Where the output is gathered: ``capacity`` bytes and the slack; ``count`` of them are
    /// written.
    let chunk: UnsafeMutableRawPointer
    let capacity: Int
    /// The bytes gathered and not yet passed on. A writer that stores into ``chunk`` itself
    /// advances it, and never past ``capacity``.
    var count = 0
    /// Where full chunks go; it does not outlive ``with(capacity:to:_:)``.
    private let sink: (UnsafeRawBufferPointer) -> Void

    private init(chunk: UnsafeMutableRawPointer, capacity: Int, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.chunk = chunk
        self.capacity = capacity
        self.sink = sink
    }

    /// Runs `body` with an output that passes on chunks of at most `capacity` bytes to `sink`,
    /// and what is left when `body` returns or throws. A chunk is valid only during the call.
    static func with<Result, Failure: Error>(
        capacity: Int, to sink: (UnsafeRawBufferPointer) -> Void, _ body: (inout ChunkOutput) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: capacity + slack, alignment: 8)
        defer { chunk.deallocate() }
        return try withoutActuallyEscaping(sink) { (sink) throws(Failure) -> Result in
            var output = ChunkOutput(chunk: chunk, capacity: capacity, sink: sink)
            defer { output.drain() }
            return try body(&output)
        }
    }

    /// Passes on what is gathered.
    mutating func drain() {
        guard count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: chunk, count: count))
        count = 0
    }

    /// Gathers `length` bytes at `bytes`, passing on the chunk first when they do not fit, and
    /// passing them on by themselves when they are longer than a chunk.
    @inline(__always)
    mutating func put(_ bytes: UnsafeRawPointer, count length: Int) {
        if length > capacity - count {
            drain()
            if length > capacity {
                sink(UnsafeRawBufferPointer(start: bytes, count: length))
                return
            }
        }
        (chunk + count).copyMemory(from: bytes, byteCount: length)
        count += length
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        if count == capacity { drain() }
        chunk.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Gathers the `length` bytes at `bytes`, at most 16, of which 16 can be read, with two
    /// 8-byte copies: the slack past the capacity takes what lies beyond `length`.
    @inline(__always)
    mutating func putShort(_ bytes: UnsafeRawPointer, count length: Int) {
        if length > capacity - count { drain() }
        let target = chunk + count
        target.storeBytes(of: bytes.loadUnaligned(as: UInt64.self), as: UInt64.self)
        target.storeBytes(of: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        count += length
    }
}
