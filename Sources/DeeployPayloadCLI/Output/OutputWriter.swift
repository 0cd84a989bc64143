#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeeployCLISupport
import StrictJSON

/// Buffered output to a file descriptor (standard output by default). Bytes go out when the
/// buffer fills or on ``flush()``, which streaming formats call after every record.
final class OutputWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 64 * 1024

    init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(capacity)
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    /// Writes `bytes` as they are.
    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Writes `text` and a newline, with its control characters escaped (line breaks kept),
    /// so that a file name or an argument cannot reach the terminal raw.
    func writeLine(_ text: String) {
        write(text.escapingControlCharactersExceptNewlines)
        write("\n")
    }

    /// Writes `text` and a newline as is: for lines whose parts were escaped already and that
    /// hold ANSI styling of their own.
    func writeStyledLine(_ text: String) {
        write(text)
        write("\n")
    }

    /// Writes `value` as JSON text, compact unless `pretty`.
    func writeJSON(_ value: JSONValue, pretty: Bool = false) {
        JSONSerializer(pretty: pretty).serialize(value, into: &buffer)
        if buffer.count >= capacity { flush() }
    }

    /// Writes the JSON text `bytes` in the pretty layout of ``writeJSON(_:pretty:)``, every
    /// member kept, without building a tree; `indent` is the level the value sits at, and
    /// `options` those `bytes` were checked with. The text goes out in 64 KiB pieces, so a body
    /// of any size takes no more memory than that.
    func writeJSON(reformatting bytes: [UInt8], indent: Int, options: JSONOptions = .init()) throws(JSONError) {
        try JSONSerializer(pretty: true).reformat(bytes, indent: indent, options: options, chunkSize: capacity) { chunk in
            buffer.append(contentsOf: chunk)
            if buffer.count >= capacity { flush() }
        }
    }

    /// Writes `chunk` as it is, for a writer that gathers its own chunks: a chunk of at least
    /// half the buffer goes straight to the descriptor (after what is buffered), which saves
    /// copying `split --format json`'s 480 MB of output on a 100 MB call once more.
    func write(chunk: UnsafeRawBufferPointer) {
        guard chunk.count >= capacity / 2 else { return write(bytes: chunk) }
        flush()
        FileDescriptorOutput.writeAll(chunk.assumingMemoryBound(to: UInt8.self), to: descriptor)
    }

    /// Writes `value` as JSON text, compact unless `pretty`, and a newline.
    func writeJSONLine(_ value: JSONValue, pretty: Bool = false) {
        writeJSON(value, pretty: pretty)
        write("\n")
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { FileDescriptorOutput.writeAll($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }
}
