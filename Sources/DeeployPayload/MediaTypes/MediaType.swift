/// An internet media type (MIME type): a type, a subtype and ordered parameters.
///
/// Parsing and serialising follow the WHATWG MIME Sniffing standard exactly
/// (<https://mimesniff.spec.whatwg.org/#parsing-a-mime-type>), the lenient and precisely
/// specified rules browsers apply to real-world `Content-Type` values: type, subtype and
/// parameter names are lowercased, the first of duplicate parameters wins, quoted strings and
/// backslash escapes are understood, invalid parameters are dropped, and a value is quoted on
/// output only when it must be.
///
/// ```swift
/// let type = MediaType(#"Application/JSON; Charset="UTF-8""#)
/// type?.description  // "application/json;charset=UTF-8"
/// type?.charset      // "UTF-8"
/// type?.isJSON       // true
/// ```
///
/// Two media types are equal when their types, subtypes and parameters (names and values, in
/// order) are equal; hashing uses exactly these parts, so equal values always hash alike.
/// Parameter values compare case-sensitively: `charset=utf-8` and `charset=UTF-8` differ, as
/// they do in the standard. Compare ``essence`` to ignore parameters.
///
/// Every value satisfies the standard's invariants (it is impossible to build one that does
/// not), so parsing a value's ``description`` always gives the same value back.
public struct MediaType: Sendable, Hashable {
    /// The type and subtype: one of the essences met on every request, held as a byte, or the
    /// two strings. Canonical: a listed essence is always held as ``KnownEssence``.
    enum Essence: Sendable, Hashable {
        case known(KnownEssence)
        case other(type: String, subtype: String)
    }

    /// A media type is one word. The types on every request (`image/png`, `application/json`,
    /// with no parameters) are a byte, so copying, comparing and destroying one costs no
    /// reference counting; anything else (another essence, or any parameters) lives in a shared
    /// box. A verdict holds four media types and is made on every request.
    ///
    /// Canonical: a listed essence without parameters is always `.bare`, so that equal values
    /// have equal storage cases.
    private enum Storage: Sendable {
        // The box's case comes first: it then has tag 0, so the reference is stored as a plain
        // pointer that leak checkers (LeakSanitizer) recognise in global tables.
        case boxed(Box)
        case bare(KnownEssence)
    }

    /// The parts of a media type that is not `.bare`, with its traits decided once.
    private final class Box: Sendable {
        let essence: Essence
        let parameters: MediaTypeParameters
        let traits: MediaTypeTraits

        init(essence: Essence, parameters: MediaTypeParameters) {
            self.essence = essence
            self.parameters = parameters
            self.traits = switch essence {
            case .known(let known): known.traits
            case .other(let type, let subtype): MediaTypeTraits(type: type, subtype: subtype)
            }
        }
    }

    private let storage: Storage

    init(uncheckedType type: String, subtype: String, parameters: MediaTypeParameters = .none) {
        if let known = KnownEssence(type: type, subtype: subtype) {
            self.init(storedEssence: .known(known), parameters: parameters)
        } else {
            self.init(storedEssence: .other(type: type, subtype: subtype), parameters: parameters)
        }
    }

    init(known: KnownEssence) {
        self.storage = .bare(known)
    }

    private init(storedEssence: Essence, parameters: MediaTypeParameters) {
        if case .known(let known) = storedEssence, parameters.isEmpty {
            self.storage = .bare(known)
        } else {
            self.storage = .boxed(Box(essence: storedEssence, parameters: parameters))
        }
    }

    /// The type and subtype.
    var storedEssence: Essence {
        switch storage {
        case .bare(let known): .known(known)
        case .boxed(let box): box.essence
        }
    }

    /// The essence, when it is one of the listed ones.
    var knownEssence: KnownEssence? {
        switch storage {
        case .bare(let known): known
        case .boxed(let box): if case .known(let known) = box.essence { known } else { nil }
        }
    }

    /// The parameters, in order, with names in ASCII lowercase.
    public var parameters: MediaTypeParameters {
        switch storage {
        case .bare: .none
        case .boxed(let box): box.parameters
        }
    }

    public static func == (lhs: MediaType, rhs: MediaType) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.bare(let left), .bare(let right)): left == right
        case (.boxed(let left), .boxed(let right)): left === right || (left.essence == right.essence && left.parameters == right.parameters)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedEssence)
        hasher.combine(parameters)
    }

    /// The type, in ASCII lowercase, for example `application`.
    public var type: String {
        switch storedEssence {
        case .known(let known): known.type
        case .other(let type, _): type
        }
    }

    /// The subtype, in ASCII lowercase, for example `json` or `svg+xml`.
    public var subtype: String {
        switch storedEssence {
        case .known(let known): known.subtype
        case .other(_, let subtype): subtype
        }
    }

    /// The groups this type belongs to; a table lookup for the common essences.
    var traits: MediaTypeTraits {
        switch storage {
        case .bare(let known): known.traits
        case .boxed(let box): box.traits
        }
    }

    /// Whether the two have the same type and subtype, whatever their parameters. Two common
    /// essences are compared inline, as bytes.
    @inline(__always)
    func hasSameEssence(as other: MediaType) -> Bool {
        if case .bare(let known) = storage, case .bare(let otherKnown) = other.storage { return known == otherKnown }
        return hasSameStoredEssence(as: other)
    }

    private func hasSameStoredEssence(as other: MediaType) -> Bool {
        storedEssence == other.storedEssence
    }

    /// Parses a media type with the WHATWG "parse a MIME type" algorithm; `nil` when the string
    /// is not a media type.
    ///
    /// Use ``parse(_:)`` to learn why a string was rejected.
    public init?(_ string: String) {
        guard case .success(let value) = MediaTypeParser.parse(string) else { return nil }
        self = value
    }

    /// Parses a media type with the WHATWG "parse a MIME type" algorithm, or throws an error
    /// that says what was wrong and at which byte.
    public static func parse(_ string: String) throws(MediaTypeError) -> MediaType {
        try MediaTypeParser.parse(string).get()
    }

    /// Builds a media type from parts given in code, checking them as the parser would.
    ///
    /// Type, subtype and parameter names are lowercased. Unlike parsing, which drops invalid
    /// parameters silently, this throws for an invalid or duplicated parameter, because in code
    /// that is a mistake to fix.
    ///
    /// ```swift
    /// let csv = try MediaType(type: "text", subtype: "csv", parameters: ["charset": "utf-8"])
    /// ```
    public init(type: String, subtype: String, parameters: KeyValuePairs<String, String> = [:]) throws(MediaTypeError) {
        let type = try Self.checkedToken(type, isType: true)
        let subtype = try Self.checkedToken(subtype, isType: false)
        var checked: [MediaTypeParameter] = []
        for (name, value) in parameters {
            let parameter = try Self.checkedParameter(name: name, value: value)
            if checked.contains(where: { $0.name == parameter.name }) {
                throw .duplicateParameter(parameter.name)
            }
            checked.append(parameter)
        }
        self.init(uncheckedType: type, subtype: subtype, parameters: MediaTypeParameters(unchecked: checked))
    }

    /// The type and subtype without parameters: `type/subtype`.
    public var essence: String {
        switch storedEssence {
        case .known(let known): known.essence
        case .other(let type, let subtype): type + "/" + subtype
        }
    }

    /// The `charset` parameter's value as given (for example `UTF-8`), or `nil`.
    public var charset: String? { parameters["charset"] }

    /// Whether the type or the subtype is `*`, as in `image/*`, which names a range rather than
    /// one concrete type.
    public var isWildcard: Bool { traits.contains(.wildcard) }

    /// This media type without any parameters.
    public var withoutParameters: MediaType {
        MediaType(storedEssence: storedEssence, parameters: .none)
    }

    /// This media type with its `charset` parameter set to `charset`, replacing any previous
    /// value in place or appending it.
    public func with(charset: String) throws(MediaTypeError) -> MediaType {
        try withParameter("charset", charset)
    }

    /// This media type with parameter `name` set to `value`, replacing any previous value in
    /// place or appending it. The name is lowercased.
    public func withParameter(_ name: String, _ value: String) throws(MediaTypeError) -> MediaType {
        let parameter = try Self.checkedParameter(name: name, value: value)
        var storage = parameters.storage
        if let index = storage.firstIndex(where: { $0.name == parameter.name }) {
            storage[index] = parameter
        } else {
            storage.append(parameter)
        }
        return MediaType(storedEssence: storedEssence, parameters: MediaTypeParameters(unchecked: storage))
    }

    private static func checkedToken(_ part: String, isType: Bool) throws(MediaTypeError) -> String {
        guard !part.isEmpty else { throw isType ? .emptyType(at: 0) : .emptySubtype(at: 0) }
        let utf8 = Array(part.utf8)
        let bad = utf8.withUnsafeBufferPointer { HTTPCodePoint.firstNonToken(in: $0, 0..<$0.count) }
        if let bad {
            let byte = utf8[bad]
            if HTTPCodePoint.isForbiddenInFieldValue(byte) { throw .forbiddenCharacter(at: bad, byte: byte) }
            let found = utf8.withUnsafeBufferPointer { Diagnostic.scalar(in: $0, at: bad) }
            throw isType ? .invalidType(at: bad, found: found) : .invalidSubtype(at: bad, found: found)
        }
        return HTTPCodePoint.lowercased(part)
    }

    private static func checkedParameter(name: String, value: String) throws(MediaTypeError) -> MediaTypeParameter {
        guard HTTPCodePoint.isToken(name) else { throw .invalidParameterName(name) }
        if let bad = HTTPCodePoint.firstNonQuotedStringToken(in: value.utf8) {
            let found = Array(value.utf8).withUnsafeBufferPointer { Diagnostic.scalar(in: $0, at: bad) }
            throw .invalidParameterValue(name: name, at: bad, found: found)
        }
        return MediaTypeParameter(uncheckedName: HTTPCodePoint.lowercased(name), value: value)
    }
}

extension MediaType: CustomStringConvertible, LosslessStringConvertible {
    /// The WHATWG serialisation: `type/subtype;name=value`, quoting values only when needed.
    public var description: String { MediaTypeSerializer.serialize(self) }
}

extension MediaType: Codable {
    /// Decodes a media type from a single string, which must parse.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        switch MediaTypeParser.parse(string) {
        case .success(let value):
            self = value
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the media type as its serialisation, a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
