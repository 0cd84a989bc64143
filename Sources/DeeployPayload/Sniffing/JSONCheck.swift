public import StrictJSON

/// The outcome of validating a whole payload as strict RFC 8259 JSON.
public enum JSONCheck: Sendable, Hashable {
    /// The payload is one valid JSON text (a leading UTF-8 byte-order mark is
    /// tolerated here; ``TextEvidence/byteOrderMark`` records it).
    case valid
    /// The payload is not valid JSON; the error says where and why.
    case invalid(JSONError)

    /// True for ``valid``.
    public var isValid: Bool { if case .valid = self { true } else { false } }

    /// The parser's error, for ``invalid(_:)``.
    public var error: JSONError? { if case .invalid(let error) = self { error } else { nil } }
}

/// A ``JSONCheck`` as a ``Sniff`` holds it.
///
/// A payload whose first byte can never begin a JSON text, as with every image and PDF, keeps
/// only that byte: its error comes from a table made once, when someone asks for it. The
/// validator stops at byte 0 whatever follows, and copying and destroying that error on every
/// sniff cost more than the other checks on a small image together.
///
/// Canonical: an error that the table holds is always `invalidFirstByte`, so that equal checks
/// have equal cases.
enum SniffedJSON: Sendable, Hashable {
    case valid
    /// The payload starts with `byte`; its error is `firstByteErrors[byte]`.
    case invalidFirstByte(UInt8)
    /// Any other error, or a valid payload's first repeated member name. Boxed, so that a sniff
    /// carries one word for it rather than the error's fifty bytes: a sniff is moved several
    /// times on every request. One boxed case, not one per kind: with a second boxed case the
    /// PDF verdict row measured 8% slower (199 -> 216 ns p50, VerdictBenchmarks), the sniff
    /// being copied and destroyed through a wider switch.
    indirect case boxed(Boxed)

    /// What ``boxed(_:)`` holds.
    enum Boxed: Sendable, Hashable {
        case invalid(JSONError)
        case validWithDuplicateKey(Sniff.DuplicateKey)
    }

    init(_ check: JSONCheck) {
        switch check {
        case .valid:
            self = .valid
        case .invalid(let error):
            if let byte = error.found, Self.firstByteErrors[Int(byte)] == error {
                self = .invalidFirstByte(byte)
            } else {
                self = .boxed(.invalid(error))
            }
        }
    }

    /// The check, with its error in full.
    var check: JSONCheck {
        switch self {
        case .valid, .boxed(.validWithDuplicateKey): .valid
        case .invalidFirstByte(let byte): .invalid(Self.firstByteErrors[Int(byte)]!)
        case .boxed(.invalid(let error)): .invalid(error)
        }
    }

    var isValid: Bool {
        switch self {
        case .valid, .boxed(.validWithDuplicateKey): true
        case .invalidFirstByte, .boxed(.invalid): false
        }
    }

    /// The first repeated member name of a valid payload, if any.
    var duplicateKey: Sniff.DuplicateKey? { if case .boxed(.validWithDuplicateKey(let duplicate)) = self { duplicate } else { nil } }

    /// Validates a whole payload, taking the error of one that starts with an impossible byte
    /// from the table.
    static func of(_ bytes: UnsafeRawBufferPointer, options: JSONOptions) -> SniffedJSON {
        if let first = bytes.first, hasTabledError(first), options.maxSize.map({ bytes.count <= $0 }) ?? true {
            return .invalidFirstByte(first)
        }
        return validating(bytes, options: options)
    }

    /// Validates `bytes` in full.
    private static func validating(_ bytes: UnsafeRawBufferPointer, options: JSONOptions) -> SniffedJSON {
        do throws(JSONError) {
            // The validator's pass also compares each object's keys; only a repeat is looked at again.
            guard let duplicate = try DuplicateKeyScan.validate(bytes, options: options) else { return .valid }
            return .boxed(.validWithDuplicateKey(Sniff.DuplicateKey(path: duplicate.path, offset: duplicate.offset)))
        } catch {
            return .boxed(.invalid(error))
        }
    }

    /// Whether `firstByteErrors` has an error for a document starting with `byte`. The table's
    /// bytes are written out as a 256-bit set (a test compares the two), so that the check on
    /// every payload neither initialises the table nor copies an error out of it.
    @inline(__always)
    static func hasTabledError(_ byte: UInt8) -> Bool {
        let bits: UInt64 = switch byte >> 6 {
        case 0: 0xFC00_DFFA_FFFF_D9FF
        case 1: 0xF7EF_BFBF_F7FF_FFFF
        case 2: 0xFFFF_FFFF_FFFF_FFFF
        default: 0xFFFF_7FFF_FFFF_FFFF
        }
        return bits >> (byte & 63) & 1 != 0
    }

    /// For each byte, the validator's error for a document that starts with it, when that error
    /// is an unexpected byte at offset 0 and so cannot depend on what follows. `0xEF` is left
    /// out: it may begin a byte-order mark, which some options allow.
    static let firstByteErrors: [JSONError?] = (0...255).map { value -> JSONError? in
        let byte = UInt8(value)
        guard byte != 0xEF else { return nil }
        let check = withUnsafeBytes(of: byte) { validating($0, options: JSONOptions()) }
        guard case .boxed(.invalid(let error)) = check else { return nil }
        return error.kind == .unexpectedByte && error.offset == 0 && error.found == byte ? error : nil
    }
}
