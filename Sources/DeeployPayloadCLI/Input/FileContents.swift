#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads for commands that need every byte (a response body, a logged request).
enum FileContents {
    /// Why a file could not be read.
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String {
            let text = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
            return "cannot read '\(path)': \(text)."
        }
    }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) async throws -> [UInt8] {
        if path == "-" { return try await FileDescriptorChunks(descriptor: 0).readAll() }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw ReadError(path: path, code: EISDIR)
        }
        do {
            return try await FileDescriptorChunks(descriptor: descriptor).readAll()
        } catch {
            throw ReadError(path: path, code: (error as? FileDescriptorChunks.ReadError)?.code ?? EIO)
        }
    }
}
