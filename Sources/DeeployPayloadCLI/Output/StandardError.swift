#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard error, for messages that must appear at once.
enum StandardError {
    /// Writes `text` followed by a newline, with its control characters escaped (line breaks
    /// kept), so that a file name or an argument in a message cannot reach the terminal raw.
    static func writeLine(_ text: String) {
        write(text.escapingControlCharactersExceptNewlines + "\n")
    }

    /// Writes `text` as is (for terminal control sequences of our own).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { FileDescriptorOutput.writeAll($0, to: 2) }
    }
}
