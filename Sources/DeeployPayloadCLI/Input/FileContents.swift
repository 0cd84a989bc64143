#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeeployPayload

/// Whole-file reads for commands that need every byte (a response body, a logged request).
enum FileContents {
    /// The most a command reads into memory unless `--max-size` says otherwise.
    static let defaultLimit = ByteCount(bytes: 1 << 30)

    /// Why a file could not be read.
    enum ReadError: Error, CustomStringConvertible {
        /// The system refused: `code` is the `errno`.
        case system(path: String, code: Int32)
        /// The file holds more than `limit` bytes.
        case tooLarge(path: String, limit: ByteCount)

        var description: String {
            switch self {
            case .system(let path, let code):
                let text = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
                return "cannot read \(Self.name(path)): \(text)."
            case .tooLarge(let path, let limit):
                let shown = limit.defaultValueDescription
                let size = shown == String(limit.bytes) ? "\(shown) bytes" : "\(shown) (\(limit.bytes) bytes)"
                return "\(Self.name(path)) holds more than \(size), the most "
                    + "this command reads into memory; raise --max-size to read it."
            }
        }

        private static func name(_ path: String) -> String {
            path == "-" ? "standard input" : "'\(path)'"
        }
    }

    /// The bytes of `path`, or of standard input for `-`; at most `limit` of them. A path given
    /// on the command line in its display form (not valid UTF-8, see ``RawPath``) is opened by
    /// its bytes.
    static func read(_ path: String, limit: ByteCount) async throws(ReadError) -> [UInt8] {
        guard path != "-" else { return try await readAll(FileDescriptorChunks(descriptor: 0), path: path, limit: limit) }
        let descriptor = try openChecked(path, limit: limit)
        defer { close(descriptor) }
        var info = stat()
        let size = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        return try await readAll(FileDescriptorChunks(descriptor: descriptor), path: path, limit: limit, expectedSize: size)
    }

    /// The size and SHA-256 of `path` (standard input for `-`), read in 1 MiB chunks and hashed
    /// on the way, so that memory stays bounded at any size; at most `limit` bytes.
    static func digest(_ path: String, limit: ByteCount) async throws -> (size: Int, sha256: String) {
        let descriptor = path == "-" ? 0 : try openChecked(path, limit: limit)
        defer { if descriptor != 0 { close(descriptor) } }
        let hasher = try StreamingSHA256()
        var size = 0
        do {
            for try await chunk in FileDescriptorChunks(descriptor: descriptor, chunkSize: 1 << 20) {
                guard chunk.count <= limit.bytes - size else { throw ReadError.tooLarge(path: path, limit: limit) }
                size += chunk.count
                try hasher.update(chunk)
            }
        } catch let error as FileDescriptorChunks.ReadError {
            throw ReadError.system(path: path, code: error.code)
        }
        return (size, try hasher.finish())
    }

    /// `path` opened for reading: not a directory, and, when it is a regular file, not over
    /// `limit` (its size is known up front, so it is refused unread).
    private static func openChecked(_ path: String, limit: ByteCount) throws(ReadError) -> Int32 {
        // The argument's bytes, which differ from the path's UTF-8 when they are not valid UTF-8.
        let descriptor = RawPath.withCString(RawPath.bytes(path)) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .system(path: path, code: errno) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw .system(path: path, code: EISDIR)
        }
        // A regular file's size is known up front: one over the limit is refused unread.
        if info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) > Int64(limit.bytes) {
            close(descriptor)
            throw .tooLarge(path: path, limit: limit)
        }
        return descriptor
    }

    private static func readAll(
        _ chunks: FileDescriptorChunks, path: String, limit: ByteCount, expectedSize: Int = 0
    ) async throws(ReadError) -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try await chunks.readAll(limit: limit.bytes, expectedSize: expectedSize)
        } catch {
            throw .system(path: path, code: (error as? FileDescriptorChunks.ReadError)?.code ?? EIO)
        }
        guard let bytes else { throw .tooLarge(path: path, limit: limit) }
        return bytes
    }
}
