#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard error, for messages that must appear at once.
enum StandardError {
    /// Writes `text` followed by a newline.
    static func writeLine(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as is.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { FileDescriptorOutput.writeAll($0, to: 2) }
    }
}
