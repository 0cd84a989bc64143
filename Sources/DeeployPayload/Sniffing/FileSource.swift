#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open regular file read with `pread`, so reads never move a shared offset.
struct FileSource: ~Copyable {
    let descriptor: Int32
    let size: Int
    let name: String
    private let ownsDescriptor: Bool

    /// Opens `path` for reading.
    init(path: String) throws(SniffError) {
        // The C path would end at the NUL and name another file.
        guard !path.utf8.contains(0) else { throw .cannotOpen(path: path, errno: EINVAL) }
        // Without O_NONBLOCK, opening a named pipe waits for a writer, for ever if none comes;
        // the regular files read here ignore it, and anything else is refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        do {
            self.size = try Self.regularFileSize(descriptor, name: path)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.name = path
        self.ownsDescriptor = true
    }

    /// Reads from a descriptor the caller keeps open (and closes).
    init(borrowing descriptor: Int32) throws(SniffError) {
        let name = "file descriptor \(descriptor)"
        self.size = try Self.regularFileSize(descriptor, name: name)
        self.descriptor = descriptor
        self.name = name
        self.ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// How libmagic's second look reads this file: through the descriptor when the sniffer
    /// opened it (its offset is 0, and no one else reads it), by `pread` otherwise, so that the
    /// caller's offset never moves.
    var secondLookSource: LibmagicSecondLook.Source {
        ownsDescriptor ? .ownFile(descriptor: descriptor) : .borrowedFile(descriptor: descriptor, size: size)
    }

    private static func regularFileSize(_ descriptor: Int32, name: String) throws(SniffError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotOpen(path: name, errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG where info.st_size == 0: return try checkEmpty(descriptor, name: name)
        case S_IFREG: return Int(info.st_size)
        case S_IFDIR: throw .isDirectory(path: name)
        default: throw .notRegularFile(path: name)
        }
    }

    /// 0 for a file that is really empty. The pseudo-files of `/proc` say they are empty and
    /// then give bytes, as many as they like: reading one to its end could take for ever, and
    /// calling it empty would misjudge it, so it is refused.
    private static func checkEmpty(_ descriptor: Int32, name: String) throws(SniffError) -> Int {
        var byte: UInt8 = 0
        while true {
            let got = pread(descriptor, &byte, 1, 0)
            if got == 0 { return 0 }
            if got > 0 { throw .unknownSize(path: name) }
            if errno != EINTR { throw .readFailed(path: name, errno: errno) }
        }
    }

    /// Reads up to `count` bytes at `offset` into a new array (shorter at the end of the file).
    func read(at offset: Int, count: Int) throws(SniffError) -> [UInt8] {
        guard count > 0 else { return [] }
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        var failure: Int32 = 0
        result.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while filled < count {
                let got = pread(descriptor, base + filled, count - filled, off_t(offset + filled))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { break }
                filled += got
            }
        }
        if failure != 0 { throw .readFailed(path: name, errno: failure) }
        result.removeLast(count - filled)
        return result
    }

    /// Calls `body` with consecutive chunks of the file from `offset` on.
    func forEachChunk(from offset: Int, size chunkSize: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(SniffError) {
        var position = offset
        while true {
            let chunk = try read(at: position, count: chunkSize)
            if chunk.isEmpty { return }
            chunk.withUnsafeBytes(body)
            position += chunk.count
            if chunk.count < chunkSize { return }
        }
    }
}
