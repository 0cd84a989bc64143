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

extension JSONCheck {
    /// Validates a whole payload.
    ///
    /// A payload whose first byte can never begin a JSON text, as with every image and PDF,
    /// takes its error from a table made once: the validator stops at byte 0 whatever follows,
    /// and making that error costs more than all the other checks on a small image together.
    static func of(_ bytes: UnsafeRawBufferPointer, options: JSONOptions) -> JSONCheck {
        if let first = bytes.first, options.maxSize.map({ bytes.count <= $0 }) ?? true,
           let error = firstByteErrors[Int(first)] {
            return .invalid(error)
        }
        return validating(bytes, options: options)
    }

    /// Validates `bytes` in full.
    private static func validating(_ bytes: UnsafeRawBufferPointer, options: JSONOptions) -> JSONCheck {
        do throws(JSONError) {
            try JSONValidator.validate(bytes, options: options)
            return .valid
        } catch {
            return .invalid(error)
        }
    }

    /// For each byte, the validator's error for a document that starts with it, when that error
    /// is an unexpected byte at offset 0 and so cannot depend on what follows. `0xEF` is left
    /// out: it may begin a byte-order mark, which some options allow.
    static let firstByteErrors: [JSONError?] = (0...255).map { value -> JSONError? in
        let byte = UInt8(value)
        guard byte != 0xEF else { return nil }
        let check = withUnsafeBytes(of: byte) { validating($0, options: JSONOptions()) }
        guard case .invalid(let error) = check else { return nil }
        return error.kind == .unexpectedByte && error.offset == 0 ? error : nil
    }
}
