import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A judged file's bytes, read with `pread` in chunks from its start to its judged size.
///
/// AsyncHTTPClient asks for the next chunk only when the connection can take it, so at most a
/// chunk or two is in memory whatever the file's size. `pread` blocks its thread for one chunk
/// (about 0.1 ms for 1 MiB from the page cache); a client can afford that, and it keeps the
/// code free of a thread pool.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let file: OpenFile
    let chunkSize: Int
    let progress: (@Sendable (Int, Int) -> Void)?

    struct AsyncIterator: AsyncIteratorProtocol {
        let file: OpenFile
        let chunkSize: Int
        let progress: (@Sendable (Int, Int) -> Void)?
        var offset = 0

        mutating func next() async throws -> ByteBuffer? {
            guard offset < file.size else { return nil }
            let wanted = Swift.min(chunkSize, file.size - offset)
            var buffer = ByteBufferAllocator().buffer(capacity: wanted)
            let offset = self.offset
            let file = self.file
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                var done = 0
                while done < wanted {
                    let read = pread(file.descriptor, raw.baseAddress! + done, wanted - done, off_t(offset + done))
                    if read < 0 && errno == EINTR { continue }
                    guard read > 0 else {
                        // The file shrank, or a read failed: the bytes judged cannot all be sent.
                        throw DeeployClientError.payloadChanged(path: file.path)
                    }
                    done += read
                }
                return done
            }
            self.offset += count
            progress?(self.offset, file.size)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(file: file, chunkSize: chunkSize, progress: progress)
    }
}

/// A pipe or device read in 64 KiB chunks until its end: a file path that is not a regular
/// file, read as a stream.
struct FileDescriptorStream: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    let file: OpenFile

    struct AsyncIterator: AsyncIteratorProtocol {
        let file: OpenFile

        mutating func next() async throws -> [UInt8]? {
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(file.descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 {
                    throw DeeployClientError.unreadablePayload(path: file.path, reason: String(cString: strerror(errno)))
                }
                if count == 0 { return nil }
                chunk.removeSubrange(count...)
                return chunk
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(file: file)
    }
}
