#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What went wrong in a libmagic call.
///
/// Each case carries libmagic's own message (`magic_error`) or the system's
/// text for `errno`, plus the numbers, so that a caller can both show and
/// branch on it. ``description`` says what to do next.
public enum MagicError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `magic_open` failed, usually for lack of memory.
    case cannotCreateCookie(errno: Int32)
    /// The database could not be loaded: the file is missing, unreadable or
    /// not a compiled magic database. `path` is nil for in-memory buffers.
    case databaseUnavailable(path: String?, message: String, errno: Int32)
    /// A file could not be opened or examined.
    case cannotOpen(path: String, errno: Int32)
    /// A path names a directory, so there are no bytes to sniff.
    case isDirectory(path: String)
    /// A path names something that is not a regular file (a socket, a device).
    case notRegularFile(path: String)
    /// libmagic failed while analysing input.
    case analysisFailed(message: String, errno: Int32)
    /// A parameter could not be read or set, usually because the value is out of range.
    case parameterRejected(MagicParameter, value: Int?, message: String, errno: Int32)
    /// The flags were refused, for example on a platform without `MAGIC_PRESERVE_ATIME`.
    case flagsRejected(MagicFlags, message: String)

    /// A sentence that says what failed and what would fix it.
    public var description: String {
        switch self {
        case .cannotCreateCookie(let code):
            return "libmagic could not create a cookie: \(systemMessage(forErrno: code)) (errno \(code))."
        case .databaseUnavailable(let path, let message, let code):
            let what = path.map { "the magic database at '\($0)'" } ?? "the in-memory magic database"
            let reason = message.isEmpty ? systemMessage(forErrno: code) : message
            return "libmagic could not load \(what): \(Self.clause(reason)). "
                + "Install libmagic's database (apt-get install libmagic-mgc) or pass a compiled .mgc file."
        case .cannotOpen(let path, EINVAL) where path.utf8.contains(0):
            return "cannot open \(path.debugDescription): a path cannot contain a NUL byte, which would end it early."
        case .cannotOpen(let path, let code):
            return "cannot open '\(path)': \(systemMessage(forErrno: code)) (errno \(code)). "
                + "Check that the file exists and is readable."
        case .isDirectory(let path):
            return "'\(path)' is a directory, not a file. Pass the files inside it instead."
        case .notRegularFile(let path):
            return "'\(path)' is not a regular file (a device, socket or pipe); only regular files can be sniffed by path."
        case .analysisFailed(let message, let code):
            let reason = message.isEmpty ? systemMessage(forErrno: code) : message
            return "libmagic could not analyse the input: \(Self.clause(reason))."
        case .parameterRejected(let parameter, let value, let message, _):
            let shown = value.map { " to \($0)" } ?? ""
            return "libmagic refused to set \(parameter)\(shown): \(message.isEmpty ? "value out of range" : Self.clause(message))."
        case .flagsRejected(let flags, let message):
            return "libmagic refused flags 0x\(String(flags.rawValue, radix: 16)): \(Self.clause(message))."
        }
    }

    /// `message` without a final period, for a message that continues after it.
    private static func clause(_ message: String) -> String {
        message.hasSuffix(".") && !message.hasSuffix("..") ? String(message.dropLast()) : message
    }
}
