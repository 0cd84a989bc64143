import DeeployPayload
import NIOCore

/// Finds the byte that would crash multipart-kit 4.7.1's `MultipartParser` before the parser
/// sees it.
///
/// The parser checks each byte of a part's header name against a 128-entry table indexed by the
/// byte, so a header name holding a byte of 0x80 or more traps (index out of range in
/// `isAllowedHeaderFieldNameCharacter`) and takes the whole server down. Such bytes are legal
/// everywhere else in a form: in the preamble, in header values (a browser sends a UTF-8 file
/// name as it is) and in part bodies. So the guard follows the parser's own state machine, byte
/// for byte, and reports only a byte the parser would read as part of a header name. The states
/// and their transitions are the parser's (MultipartParser.swift in 4.7.1), quirks included: in
/// the preamble, for instance, `---boundary` does not open the first part. Where the parser
/// would throw a syntax error, the guard stops looking, because the parser stops there too.
///
/// Found by the `multipart` libFuzzer target (Fuzz/known-crashes/multipart-kit-header-name-0xff).
struct HeaderNameGuard {
    private enum State {
        /// Before the first delimiter, `matched` bytes of it seen.
        case preamble(matched: Int)
        /// After a delimiter, expecting its CR (false) or LF (true).
        case delimiterLineEnd(sawCR: Bool)
        /// Reading a header name (`empty` until its first byte).
        case headerName(empty: Bool)
        /// Reading a header value, up to its CR.
        case headerValue
        /// After a header value's CR, or the CR of the empty line: expecting LF.
        case headerLineFeed(endsHeaders: Bool)
        /// In a part's body, outside a possible delimiter.
        case body
        /// In a part's body, `matched` bytes of `CRLF--boundary` seen.
        case delimiter(matched: Int)
        /// After the closing delimiter, or where the parser throws: no header name follows.
        case finished
    }

    /// `CRLF--boundary`, as the parser matches it.
    private let delimiter: [UInt8]
    private var state = State.preamble(matched: 0)

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Advances over `bytes`, the next chunk the parser will be given, and returns the offset in
    /// it of the first byte of 0x80 or more that the parser would read in a header name, with
    /// that byte, or nil.
    mutating func firstUnsafeByte(in bytes: ByteBufferView) -> (offset: Int, byte: UInt8)? {
        for (offset, byte) in bytes.enumerated() {
            if case .headerName = state, byte >= 0x80 { return (offset, byte) }
            state = next(after: byte)
        }
        return nil
    }

    private func next(after byte: UInt8) -> State {
        switch state {
        case .preamble(let matched):
            let now: Int
            if matched == 0, byte == delimiter[2] {
                now = 3  // the parser lets a delimiter at the very start go without its CRLF
            } else if byte == delimiter[matched] {
                now = matched + 1
            } else if matched > 0, byte == delimiter[0] {
                now = 1
            } else {
                now = 0
            }
            return now == delimiter.count ? .delimiterLineEnd(sawCR: false) : .preamble(matched: now)
        case .delimiterLineEnd(let sawCR):
            if !sawCR, byte == .cr { return .delimiterLineEnd(sawCR: true) }
            return sawCR && byte == .lf ? .headerName(empty: true) : .finished
        case .headerName(let empty):
            if byte == .colon, !empty { return .headerValue }
            if byte == .cr, empty { return .headerLineFeed(endsHeaders: true) }
            // The parser allows exactly RFC 9110's tchar in a name.
            return HTTPCodePoint.isToken(byte) ? .headerName(empty: false) : .finished
        case .headerValue:
            return byte == .cr ? .headerLineFeed(endsHeaders: false) : .headerValue
        case .headerLineFeed(let endsHeaders):
            guard byte == .lf else { return .finished }
            return endsHeaders ? .body : .headerName(empty: true)
        case .body:
            return byte == delimiter[0] ? .delimiter(matched: 1) : .body
        case .delimiter(let matched):
            if matched == delimiter.count {
                // The byte after a whole delimiter: CR starts the next part's headers (its LF
                // comes next), a hyphen starts the epilogue, anything else is a syntax error.
                return byte == .cr ? .delimiterLineEnd(sawCR: true) : .finished
            }
            if byte == delimiter[matched] { return .delimiter(matched: matched + 1) }
            return byte == delimiter[0] ? .delimiter(matched: 1) : .body
        case .finished:
            return .finished
        }
    }
}

extension UInt8 {
    fileprivate static let cr: UInt8 = 0x0D
    fileprivate static let lf: UInt8 = 0x0A
    fileprivate static let colon: UInt8 = 0x3A
}
