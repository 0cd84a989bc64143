/// Unbuffered writes to standard error, for messages that must appear at once.
package enum StandardError {
    /// Writes `text` followed by a newline, with its control characters escaped (line breaks
    /// kept), so that a file name or an argument in a message cannot reach the terminal raw.
    package static func writeLine(_ text: String) {
        write(text.escapingControlCharactersExceptNewlines + "\n")
    }

    /// Writes `text` as is (for terminal control sequences of our own).
    package static func write(_ text: String) {
        FileDescriptorOutput.writeAll(text, to: 2)
    }
}
