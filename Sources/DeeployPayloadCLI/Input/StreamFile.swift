#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths that name a stream rather than a file: a pipe (a FIFO, or `<(…)`'s `/dev/fd/N`) or a
/// device. They have no size to read up front, so the CLI reads them in chunks, as it reads
/// standard input (see ``FileDescriptorChunks``).
enum StreamFile {
    /// Whether `bytes` (a path) names a FIFO or a character or block device, following links.
    static func isStream(_ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard RawPath.withCString(bytes, { stat($0, &info) }) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFBLK
    }

    /// Whether `bytes` names a FIFO or a socket (following links): what `inspect -r` skips, since
    /// opening a FIFO waits for a writer that may never come, and a socket cannot be opened.
    static func isSkippedInWalk(_ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard RawPath.withCString(bytes, { stat($0, &info) }) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFSOCK
    }

    /// Opens `bytes` for reading, blocking: a FIFO's open waits for its writer, as `cat` does.
    /// Returns -1 with `errno` set on failure.
    static func openForReading(_ bytes: [UInt8]) -> Int32 {
        RawPath.withCString(bytes) { open($0, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
    }
}
