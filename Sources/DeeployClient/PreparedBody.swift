import AsyncHTTPClient
import DeeployPayload
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A payload that passed its verdict: the bytes (or the open file) to send and their type.
struct PreparedBody: Sendable {
    enum Content: Sendable {
        case bytes(ByteBuffer)
        case file(OpenFile)
    }

    let content: Content
    let contentType: MediaType
    let verdict: Verdict

    /// The body's length in bytes.
    var size: Int {
        switch content {
        case .bytes(let buffer): buffer.readableBytes
        case .file(let file): file.size
        }
    }

    /// A fresh body for one attempt.
    ///
    /// - Throws: ``DeeployClientError/payloadChanged(path:)`` when the file changed since it
    ///   was judged: its bytes can no longer be sent as judged.
    func makeBody(chunkSize: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> HTTPClientRequest.Body {
        switch content {
        case .bytes(let buffer):
            return .bytes(buffer)
        case .file(let file):
            try file.checkUnchanged()
            return .stream(FileChunks(file: file, chunkSize: max(chunkSize, 4096), progress: progress), length: .known(Int64(file.size)))
        }
    }

    /// Judges `payload` and keeps what is to be sent.
    ///
    /// - Throws: ``DeeployClientError/refused(_:)`` for a refused payload, or a reading error.
    static func judge(_ payload: Payload, sniffer: Sniffer, policy: AcceptancePolicy, streamLimit: Int) async throws -> PreparedBody {
        switch payload.source {
        case .json(let value):
            return try judge(bytes: value.serialized(), declared: payload.declared ?? "application/json", sniffer: sniffer, policy: policy)
        case .bytes(let bytes):
            return try judge(bytes: bytes, declared: payload.declared, sniffer: sniffer, policy: policy)
        case .stream(let source):
            let bytes = try await source.readAll(limit: streamLimit)
            return try judge(bytes: bytes, declared: payload.declared, sniffer: sniffer, policy: policy)
        case .file(let path):
            let file = try OpenFile(path: path)
            guard file.isRegular else {
                let chunks = FileDescriptorStream(file: file)
                let bytes = try await StreamSource(chunks).readAll(limit: streamLimit)
                return try judge(bytes: bytes, declared: payload.declared, sniffer: sniffer, policy: policy)
            }
            let verdict: Verdict
            do {
                if let maximum = policy.maximumSize, file.size > maximum {
                    // Refused for its size alone; only the header is read.
                    verdict = try sniffer.verdict(.fileDescriptor(file.descriptor), declared: payload.declared, policy: policy)
                } else {
                    verdict = try sniffer.sendingVerdict(.fileDescriptor(file.descriptor), declared: payload.declared, policy: policy)
                }
            } catch {
                throw DeeployClientError.unreadablePayload(path: path, reason: error.description)
            }
            return try accepted(verdict, content: .file(file))
        }
    }

    private static func judge(bytes: [UInt8], declared: String?, sniffer: Sniffer, policy: AcceptancePolicy) throws -> PreparedBody {
        let verdict: Verdict
        do {
            verdict = try sniffer.sendingVerdict(.bytes(bytes), declared: declared, policy: policy)
        } catch {
            throw DeeployClientError.unreadablePayload(path: "(bytes)", reason: error.description)
        }
        return try accepted(verdict, content: .bytes(ByteBuffer(bytes: bytes)))
    }

    private static func accepted(_ verdict: Verdict, content: Content) throws -> PreparedBody {
        guard verdict.isAccepted, let type = verdict.effectiveContentType else { throw DeeployClientError.refused(verdict) }
        return PreparedBody(content: content, contentType: type, verdict: verdict)
    }
}

/// A file opened for its verdict and its upload: one descriptor for both, so a rename after the
/// verdict cannot swap the bytes; closed when the last body using it is gone.
final class OpenFile: Sendable {
    let path: String
    let descriptor: Int32
    let size: Int
    let isRegular: Bool
    private let modified: ModificationTime

    /// Seconds and nanoseconds of the modification time.
    struct ModificationTime: Sendable, Equatable {
        var seconds: Int
        var nanoseconds: Int
    }

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DeeployClientError.unreadablePayload(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw DeeployClientError.unreadablePayload(path: path, reason: reason)
        }
        if (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) {
            close(descriptor)
            throw DeeployClientError.unreadablePayload(path: path, reason: "it is a directory")
        }
        self.path = path
        self.descriptor = descriptor
        self.size = Int(info.st_size)
        self.isRegular = (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG)
        self.modified = Self.modificationTime(info)
    }

    deinit { close(descriptor) }

    /// - Throws: ``DeeployClientError/payloadChanged(path:)`` when the size or modification
    ///   time is no longer what was judged.
    func checkUnchanged() throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == size, Self.modificationTime(info) == modified else {
            throw DeeployClientError.payloadChanged(path: path)
        }
    }

    private static func modificationTime(_ info: stat) -> ModificationTime {
        #if canImport(Darwin)
        ModificationTime(seconds: info.st_mtimespec.tv_sec, nanoseconds: info.st_mtimespec.tv_nsec)
        #else
        ModificationTime(seconds: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
        #endif
    }
}

/// A judged file's bytes, read with `pread` in chunks from its start to its judged size.
///
/// AsyncHTTPClient asks for the next chunk only when the connection can take it, so at most a
/// chunk or two is in flight whatever the file's size. `pread` blocks its thread for one chunk
/// (about 0.1 ms for 1 MiB from the page cache); a client can afford that, and it keeps the
/// code free of a thread pool.
///
/// AsyncHTTPClient does not wait for a chunk to be written before asking for the next: it
/// queues each on the connection's event loop and pauses only once that loop reports the
/// socket full, so a reader faster than the network gets ahead by tens of chunks. The chunks
/// are therefore read into a ring of ``ringSize`` buffers used in turn, and a buffer is refilled
/// only once AsyncHTTPClient has let it go (it is then uniquely referenced, so `clear()` reuses
/// its storage): at most `ringSize` chunks are on their way, and no memory is allocated per
/// chunk. Measured with scripts/client-upload-rss.sh, 2 GiB to a loopback sink, debug build: a
/// fresh 1 MiB buffer per chunk peaked at 74 MiB RSS, the ring without the wait at 77 MiB, the
/// ring with it at 47 MiB (the verdict pass alone: 43.6 MiB), at the same ~650 MiB/s.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// How many chunk buffers an upload cycles through, so how many chunks can be on their way.
    static let ringSize = 4
    /// How long to wait between looks at a buffer still on its way, and how many looks at most.
    static let waitInterval = Duration.milliseconds(1)
    static let maximumWaits = 1000

    let file: OpenFile
    let chunkSize: Int
    let progress: (@Sendable (Int, Int) -> Void)?

    struct AsyncIterator: AsyncIteratorProtocol {
        let file: OpenFile
        let chunkSize: Int
        let progress: (@Sendable (Int, Int) -> Void)?
        var offset = 0
        var ring: [ByteBuffer?] = Array(repeating: nil, count: FileChunks.ringSize)
        var turn = 0

        mutating func next() async throws -> ByteBuffer? {
            guard offset < file.size else { return nil }
            let wanted = Swift.min(chunkSize, file.size - offset)
            // Taken out of the ring, so the only other reference can be AsyncHTTPClient's.
            var buffer = ring[turn].take() ?? ByteBufferAllocator().buffer(capacity: chunkSize)
            var waits = 0
            while !buffer.isUniquelyOwned, waits < FileChunks.maximumWaits {
                // Still queued for the socket: the network is slower than the disk.
                try await Task.sleep(for: FileChunks.waitInterval)
                waits += 1
            }
            // Refilled in place when AsyncHTTPClient let it go; otherwise (a wait over a
            // second) given fresh storage, and the chunk on its way is left as it was.
            buffer.clear(minimumCapacity: wanted)
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
            ring[turn] = buffer
            turn = (turn + 1) % ring.count
            self.offset += count
            progress?(self.offset, file.size)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(file: file, chunkSize: chunkSize, progress: progress)
    }
}

extension ByteBuffer {
    /// Whether no other `ByteBuffer` shares this one's storage.
    fileprivate var isUniquelyOwned: Bool {
        mutating get { modifyIfUniquelyOwned { _ in true } ?? false }
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
