import CZlib

/// One zlib inflate stream that decodes a gzip or deflate body chunk by chunk, never producing
/// more than one byte past the output limit it is given.
///
/// The class owns its `z_stream` on the heap (zlib keeps a pointer back to it, so it must not
/// move) and ends it in `deinit`.
///
/// - `gzip` is inflated with windowBits 15 + 16 (gzip wrapper only). Concatenated gzip members
///   (RFC 1952 §2.2) are decoded one after the other, as `gunzip` does.
/// - `deflate` is, per RFC 9110 §8.4.1.2, the zlib format (RFC 1950): windowBits 15. Some old
///   clients sent raw deflate (RFC 1951) instead; when the first two bytes are not a zlib header
///   (compression method 8, window at most 32 KiB, header checksum a multiple of 31), the stream
///   is inflated as raw deflate (windowBits -15). Bytes after the end of a deflate stream are an
///   error.
final class Inflater {
    /// What one call to ``decode(_:into:limit:)`` or ``finish()`` came to.
    enum Step: Equatable {
        /// Every input byte was decoded; the stream wants more.
        case needsInput
        /// The stream reached its end with this input.
        case ended
        /// The output passed the limit; decoding stopped there.
        case passedLimit
        /// The stream is corrupt: zlib's message, or the gate's own.
        case invalid(String)
        /// zlib itself failed (out of memory): not the body's fault.
        case failed(String)
    }

    let coding: PayloadGate.ContentCoding
    private let stream: UnsafeMutablePointer<z_stream>
    private var initialized = false
    private var ended = false
    /// The first bytes of a deflate body, until there are two to tell zlib from raw deflate.
    private var pending: [UInt8] = []
    /// Where inflate writes before the bytes are appended to the output.
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(coding: PayloadGate.ContentCoding) {
        self.coding = coding
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Whether the stream has reached its end (for gzip: the end of its last member so far).
    var isAtEnd: Bool { ended }

    /// Why a copy of a stream cannot decode: zlib had no memory to copy it.
    private var copyFailure: String?

    /// A stream that goes on from where this one is, for a copied session: zlib's
    /// `inflateCopy`. When zlib has no memory for it, the copy fails at its next input.
    func copy() -> Inflater {
        let copy = Inflater(coding: coding)
        copy.pending = pending
        copy.ended = ended
        copy.copyFailure = copyFailure
        if initialized {
            let code = inflateCopy(copy.stream, stream)
            if code == Z_OK {
                copy.initialized = true
            } else {
                copy.copyFailure = "zlib's inflateCopy failed with code \(code)"
            }
        }
        return copy
    }

    /// Decodes `input`, appending to `output` until `output.count` passes `limit` (then at most
    /// `limit + 1` bytes are there and the rest of the input is left undecoded).
    func decode(_ input: some Collection<UInt8>, into output: inout [UInt8], limit: Int) -> Step {
        if let step = input.withContiguousStorageIfAvailable({ feed($0, into: &output, limit: limit) }) { return step }
        return Array(input).withUnsafeBufferPointer { feed($0, into: &output, limit: limit) }
    }

    /// What the end of the body means for the stream: `.ended` when it was complete, otherwise
    /// `.invalid` naming the truncation.
    func finish() -> Step {
        ended ? .ended : .invalid("the stream is cut off before its end")
    }

    private func feed(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limit: Int) -> Step {
        if let copyFailure { return .failed(copyFailure) }
        guard !input.isEmpty else { return ended ? .ended : .needsInput }
        guard initialized else {
            if coding == .deflate {
                pending.append(contentsOf: input)
                guard pending.count >= 2 else { return .needsInput }
            }
            let zlibHeader = pending.count >= 2
                && pending[0] & 0x0F == 8 && pending[0] >> 4 <= 7 && (UInt16(pending[0]) << 8 | UInt16(pending[1])) % 31 == 0
            let windowBits: Int32 = coding == .gzip ? 15 + 16 : zlibHeader ? 15 : -15
            let code = deeploy_inflateInit2(stream, windowBits)
            guard code == Z_OK else { return .failed("zlib's inflateInit2 failed with code \(code)") }
            initialized = true
            if coding == .deflate {
                let first = pending
                pending = []
                return first.withUnsafeBufferPointer { inflate($0, into: &output, limit: limit) }
            }
            return inflate(input, into: &output, limit: limit)
        }
        return inflate(input, into: &output, limit: limit)
    }

    private func inflate(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limit: Int) -> Step {
        // avail_in is 32 bits: feed a larger chunk in slices.
        var start = 0
        while start < input.count {
            let end = min(input.count, start + (1 << 30))
            let step = inflateSlice(UnsafeBufferPointer(rebasing: input[start..<end]), into: &output, limit: limit)
            switch step {
            case .needsInput, .ended: break
            default: return step
            }
            start = end
        }
        return ended ? .ended : .needsInput
    }

    private func inflateSlice(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limit: Int) -> Step {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = UInt32(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        while true {
            if ended {
                if stream.pointee.avail_in == 0 { return .ended }
                guard coding == .gzip else { return .invalid("bytes follow the end of the deflate stream") }
                // Another gzip member follows.
                inflateReset(stream)
                ended = false
            }
            // Never room for more than one byte past the limit.
            let room = min(buffer.count - 1, max(0, limit - output.count)) + 1
            let (code, produced) = buffer.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(room)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                stream.pointee.next_out = nil
                return (code, room - Int(stream.pointee.avail_out))
            }
            output.append(contentsOf: buffer[..<produced])
            if output.count > limit { return .passedLimit }
            switch code {
            case Z_OK:
                if stream.pointee.avail_in == 0 && produced < room { return .needsInput }
            case Z_STREAM_END:
                ended = true
            case Z_BUF_ERROR:
                // No progress is possible: the input is used up.
                return .needsInput
            case Z_NEED_DICT:
                return .invalid("the stream needs a preset dictionary, which HTTP cannot provide")
            case Z_DATA_ERROR:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data"
                return .invalid(message)
            default:
                return .failed("zlib's inflate failed with code \(code)")
            }
        }
    }
}

/// A gzip or deflate body being decoded within the gate's limits: the policy's maximum size
/// bounds the decoded bytes, the gate's expansion ratio bounds them against the encoded bytes
/// read, and the encoded bytes themselves are bounded by what a body of the maximum size takes
/// encoded.
struct Decoding {
    let coding: PayloadGate.ContentCoding
    private(set) var inflater: Inflater
    let maximumSize: Int?
    let maximumExpansionRatio: Int
    /// The encoded bytes read so far.
    private(set) var encodedCount = 0

    init(coding: PayloadGate.ContentCoding, gate: PayloadGate) {
        self.coding = coding
        inflater = Inflater(coding: coding)
        maximumSize = gate.policy.maximumSize
        maximumExpansionRatio = gate.maximumExpansionRatio
    }

    /// This decoding with a stream of its own, for a copied session (the stream is a class).
    func copied() -> Decoding {
        var copy = self
        copy.inflater = inflater.copy()
        return copy
    }

    /// The most encoded bytes a body of at most `maximumSize` decoded bytes may take: its size,
    /// plus 1/64 and 1 KiB for the framing of incompressible data (zlib adds far less).
    var encodedLimit: Int? {
        maximumSize.map { $0 > Int.max / 2 ? Int.max : $0 + $0 / 64 + 1024 }
    }

    /// Decodes `chunk`, appending to `bytes`; the reason to refuse the body when a limit passed
    /// or the stream is corrupt.
    mutating func decode(_ chunk: some Collection<UInt8>, into bytes: inout [UInt8]) throws(PayloadGate.DecoderFailure) -> PayloadGate.Reason? {
        encodedCount += chunk.count
        if let limit = encodedLimit, encodedCount > limit {
            return PayloadGate.Reason(
                .tooLarge,
                "the \(coding)-encoded payload is more than \(limit) bytes, more than a payload of at most \(maximumSize ?? 0) bytes (the most this policy accepts) takes encoded; reading stopped there."
            )
        }
        let (product, overflow) = max(0, maximumExpansionRatio).multipliedReportingOverflow(by: encodedCount)
        let ratioLimit = max(PayloadGate.expansionAllowance, overflow ? .max : product)
        switch inflater.decode(chunk, into: &bytes, limit: min(maximumSize ?? .max, ratioLimit)) {
        case .needsInput, .ended:
            return nil
        case .passedLimit where bytes.count > ratioLimit:
            return PayloadGate.Reason(
                .compressionBomb,
                "the \(coding)-encoded payload expands more than \(maximumExpansionRatio) times: its first \(encodedCount) bytes already decode to more than \(ratioLimit) bytes, the mark of a compression bomb; decoding stopped there. Send it unencoded, or ask for a higher expansion ratio if such bodies are expected."
            )
        case .passedLimit:
            return PayloadGate.Reason(
                .tooLarge,
                "the payload, decoded from \(coding), is more than \(maximumSize ?? 0) bytes, the most this policy accepts; decoding stopped there."
            )
        case .invalid(let problem):
            return invalid(problem)
        case .failed(let problem):
            throw PayloadGate.DecoderFailure(description: problem)
        }
    }

    /// At the end of the body: the reason to refuse it when the stream did not end.
    func finish() -> PayloadGate.Reason? {
        if case .invalid(let problem) = inflater.finish() { return invalid(problem) }
        return nil
    }

    private func invalid(_ problem: String) -> PayloadGate.Reason {
        PayloadGate.Reason(
            .invalidEncoding,
            "the body is sent with Content-Encoding \(coding), but it is not valid \(coding) data: \(problem) (after \(encodedCount) encoded bytes read). Send the whole body compressed with \(coding), or send it unencoded without a Content-Encoding header."
        )
    }
}
