import CZlib

/// zlib's deflate, for tests and fuzz targets that need gzip and deflate bodies: the library
/// only inflates.
public final class Deflater {
    /// The wrapper around the deflate data.
    public enum Format: Sendable, CaseIterable {
        /// gzip (RFC 1952), as `Content-Encoding: gzip` sends it.
        case gzip
        /// The zlib format (RFC 1950), as `Content-Encoding: deflate` sends it.
        case zlib
        /// Raw deflate (RFC 1951), as some old clients send `Content-Encoding: deflate`.
        case raw
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// A deflater writing `format` at compression `level` (0 to 9).
    public init(format: Format, level: Int32 = 6) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let windowBits: Int32 = switch format {
        case .gzip: 15 + 16
        case .zlib: 15
        case .raw: -15
        }
        let code = deeploy_deflateInit2(stream, level, windowBits)
        precondition(code == Z_OK, "deflateInit2 failed with \(code)")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input`, appending what deflate produces to `output`; `finish` ends the stream.
    public func compress(_ input: [UInt8], finish: Bool = false, into output: inout [UInt8]) {
        input.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            while true {
                let (code, produced) = buffer.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let code = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    return (code, out.count - Int(stream.pointee.avail_out))
                }
                output.append(contentsOf: buffer[..<produced])
                precondition(code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR, "deflate failed with \(code)")
                if finish ? code == Z_STREAM_END : stream.pointee.avail_in == 0 && produced < buffer.count { break }
            }
            stream.pointee.next_in = nil
        }
    }

    /// `bytes` compressed whole as `format`.
    public static func compress(_ bytes: [UInt8], as format: Format, level: Int32 = 6) -> [UInt8] {
        var output: [UInt8] = []
        Deflater(format: format, level: level).compress(bytes, finish: true, into: &output)
        return output
    }

    /// `count` copies of `byte` compressed as `format`, deflated 1 MiB at a time: memory stays
    /// at the size of the output (about a thousandth of `count`). A compression bomb.
    public static func repeating(_ byte: UInt8, count: Int, as format: Format) -> [UInt8] {
        let deflater = Deflater(format: format, level: 9)
        let piece = [UInt8](repeating: byte, count: 1 << 20)
        var output: [UInt8] = []
        var left = count
        while left > 0 {
            let size = min(left, piece.count)
            deflater.compress(size == piece.count ? piece : Array(piece[..<size]), into: &output)
            left -= size
        }
        deflater.compress([], finish: true, into: &output)
        return output
    }
}
