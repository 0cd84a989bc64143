#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Magic

/// Why a payload could not be sniffed.
public enum SniffError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or examined.
    case cannotOpen(path: String, errno: Int32)
    /// Reading the file failed part-way.
    case readFailed(path: String, errno: Int32)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The path names a device, socket or pipe rather than a regular file.
    case notRegularFile(path: String)
    /// The file says it is empty but has content, as the pseudo-files in `/proc` do, so its
    /// size is unknown and it cannot be read as a file.
    case unknownSize(path: String)
    /// libmagic failed.
    case libmagic(MagicError)
    /// A ``SnifferConfiguration`` setting is out of range: `setting` is `value`, and it must be
    /// at least `minimum`.
    case invalidConfiguration(setting: String, value: Int, minimum: Int)

    /// A sentence that says what failed and what would fix it.
    public var description: String {
        switch self {
        case .cannotOpen(let path, EINVAL) where path.utf8.contains(0):
            "cannot open \(path.debugDescription): a path cannot contain a NUL byte, which would end it early."
        case .cannotOpen(let path, let code):
            "cannot open '\(path)': \(Self.message(code)). Check that the file exists and is readable."
        case .readFailed(let path, let code):
            "reading '\(path)' failed: \(Self.message(code))."
        case .isDirectory(let path):
            "'\(path)' is a directory, not a file. Pass the files inside it, or use a recursive walk."
        case .notRegularFile(let path):
            "'\(path)' is not a regular file (a device, socket or pipe). Read it into memory and sniff the bytes."
        case .unknownSize(let path):
            "'\(path)' has a size of 0 but has content (a pseudo-file, such as those in /proc), so its size is unknown. Read it into memory and sniff the bytes."
        case .libmagic(let error):
            error.description
        case .invalidConfiguration(let setting, let value, let minimum):
            "SnifferConfiguration.\(setting) is \(value); it must be at least \(minimum)."
        }
    }

    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}
