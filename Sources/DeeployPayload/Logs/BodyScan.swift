import StrictJSON

/// What one pass over a body found: whether it is JSON, and if it is an object, where its
/// top-level members are. Values are never turned into a tree.
enum BodyScan {
    /// The type is not JSON.
    case notJSON
    /// The type is JSON but the bytes are not.
    case invalid(JSONError)
    /// Valid JSON, not an object.
    case notObject
    /// Valid JSON whose top-level object repeats a key.
    case duplicateKey(JSONError)
    /// A valid JSON object and its members, in order.
    case object([JSONMemberSpan])

    init(_ bytes: [UInt8], mediaType: MediaType, options: JSONOptions) {
        guard mediaType.isJSON else {
            self = .notJSON
            return
        }
        var strict = options
        strict.duplicateKeys = .reject
        do throws(JSONError) {
            self = .object(try JSONSpans.topLevelMembers(of: bytes, options: strict))
        } catch {
            switch error.kind {
            case .unexpectedType:
                self = .notObject
            case .duplicateKey:
                // Whether the bytes are JSON at all must not depend on when the spans reader
                // noticed the repeat, so that is checked on its own.
                do throws(JSONError) {
                    try JSONValidator.validate(bytes, options: options)
                    self = .duplicateKey(error)
                } catch {
                    self = .invalid(error)
                }
            default:
                self = .invalid(error)
            }
        }
    }

    /// Whether the bytes are valid JSON.
    var isValidJSON: Bool {
        switch self {
        case .notJSON, .invalid: false
        case .notObject, .duplicateKey, .object: true
        }
    }

    /// The value range of the member named `key`, or `nil` when it is absent or `null`
    /// (`"explanations": null` means there are none).
    func member(_ key: String, in bytes: [UInt8]) -> Range<Int>? {
        guard case .object(let members) = self, let range = members.first(where: { $0.key == key })?.valueRange,
            bytes[range.lowerBound] != UInt8(ascii: "n")
        else { return nil }
        return range
    }
}
