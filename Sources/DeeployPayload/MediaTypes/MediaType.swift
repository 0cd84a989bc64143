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
    /// The type and subtype: a row of the known media types (``KnownEssence``), or the two
    /// strings. Canonical: an essence that has a row is always held as its case.
    enum Essence: Sendable, Hashable {
        case known(KnownEssence)
        case other(type: String, subtype: String)
    }

    /// A media type is one word. A known essence without parameters (`image/png`,
    /// `application/json`: the types on every request) is a byte, so copying, comparing and
    /// destroying one costs no reference counting; anything else (another essence, or any
    /// parameters) lives in a shared box. A verdict holds four media types and is made on every
    /// request.
    ///
    /// Canonical: a known essence without parameters is always `.bare`, so that equal values
    /// have equal storage cases.
    private enum Storage: Sendable {
        // `boxed` is case 0, so the reference is stored as a plain pointer with no tag bits,
        // which leak checkers (LeakSanitizer, in the fuzz builds) recognise in global tables.
        case boxed(Box)
        case bare(KnownEssence)
    }

    /// The parts of a media type that is not `.bare`, with its groups decided once.
    private final class Box: Sendable {
        let essence: Essence
        let parameters: Parameters
        let groups: Groups

        init(essence: Essence, parameters: Parameters) {
            self.essence = essence
            self.parameters = parameters
            self.groups = switch essence {
            case .known(let known): known.groups
            case .other(let type, let subtype): Groups(type: type, subtype: subtype)
            }
        }
    }

    private let storage: Storage

    init(uncheckedType type: String, subtype: String, parameters: Parameters = .none) {
        if let known = KnownEssence(type: type, subtype: subtype) {
            self.init(storedEssence: .known(known), parameters: parameters)
        } else {
            self.init(storedEssence: .other(type: type, subtype: subtype), parameters: parameters)
        }
    }

    init(known: KnownEssence) {
        self.storage = .bare(known)
    }

    private init(storedEssence: Essence, parameters: Parameters) {
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
    public var parameters: Parameters {
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

    /// The groups this type belongs to; a read from the table for a known essence.
    var groups: Groups {
        switch storage {
        case .bare(let known): known.groups
        case .boxed(let box): box.groups
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
        guard case .success(let value) = Parser.parse(string) else { return nil }
        self = value
    }

    /// Parses a media type with the WHATWG "parse a MIME type" algorithm, or throws an error
    /// that says what was wrong and at which byte.
    public static func parse(_ string: String) throws(MediaTypeError) -> MediaType {
        try Parser.parse(string).get()
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
        var checked: [Parameter] = []
        for (name, value) in parameters {
            let parameter = try Self.checkedParameter(name: name, value: value)
            if checked.contains(where: { $0.name == parameter.name }) {
                throw .duplicateParameter(parameter.name)
            }
            checked.append(parameter)
        }
        self.init(uncheckedType: type, subtype: subtype, parameters: Parameters(unchecked: checked))
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
    public var isWildcard: Bool { groups.contains(.wildcard) }

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
        return MediaType(storedEssence: storedEssence, parameters: Parameters(unchecked: storage))
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

    private static func checkedParameter(name: String, value: String) throws(MediaTypeError) -> Parameter {
        guard HTTPCodePoint.isToken(name) else { throw .invalidParameterName(name) }
        if let bad = HTTPCodePoint.firstNonQuotedStringToken(in: value.utf8) {
            let found = Array(value.utf8).withUnsafeBufferPointer { Diagnostic.scalar(in: $0, at: bad) }
            throw .invalidParameterValue(name: name, at: bad, found: found)
        }
        return Parameter(uncheckedName: HTTPCodePoint.lowercased(name), value: value)
    }
}

// MARK: - Groups

/// The WHATWG MIME Sniffing standard's MIME type groups
/// (<https://mimesniff.spec.whatwg.org/#mime-type-groups>), and the plain type checks.
///
/// Each is a bit test: the groups are decided once per essence (see ``Groups``).
extension MediaType {
    /// A JSON MIME type: a subtype ending in `+json`, or `application/json` or `text/json`.
    public var isJSON: Bool { groups.contains(.json) }

    /// An XML MIME type: a subtype ending in `+xml` (such as `image/svg+xml`), or `text/xml` or
    /// `application/xml` (RFC 7303).
    public var isXML: Bool { groups.contains(.xml) }

    /// An HTML MIME type: `text/html`.
    public var isHTML: Bool { groups.contains(.html) }

    /// A scriptable MIME type: an XML or HTML MIME type, or `application/pdf`. A browser may run
    /// script from a resource of such a type, so accepting one under `image/*` or `text/*` needs
    /// care.
    public var isScriptable: Bool { !groups.isDisjoint(with: .scriptable) }

    /// An image MIME type: type `image`.
    public var isImage: Bool { groups.contains(.image) }

    /// Type `text`.
    public var isText: Bool { groups.contains(.text) }

    /// `application/octet-stream` or `binary/octet-stream`.
    var isOctetStream: Bool { groups.contains(.octetStream) }

    /// `application/pdf`.
    var isPDF: Bool { groups.contains(.pdf) }

    /// The groups a media type belongs to, decided once from its type and subtype.
    ///
    /// The rules are the WHATWG MIME Sniffing standard's MIME type groups plus the plain checks
    /// the acceptance policy asks on every verdict. A known essence has its groups written in
    /// its row of the table (``KnownEssence/row``); a test checks them against these rules.
    struct Groups: OptionSet, Sendable, Hashable {
        let rawValue: UInt16

        static let json = Groups(rawValue: 1 << 0)
        static let xml = Groups(rawValue: 1 << 1)
        static let html = Groups(rawValue: 1 << 2)
        static let pdf = Groups(rawValue: 1 << 3)
        static let image = Groups(rawValue: 1 << 4)
        static let text = Groups(rawValue: 1 << 5)
        static let octetStream = Groups(rawValue: 1 << 6)
        static let wildcard = Groups(rawValue: 1 << 7)
        /// XML, HTML or PDF: a browser may run script from it.
        static let scriptable: Groups = [.xml, .html, .pdf]

        init(rawValue: UInt16) {
            self.rawValue = rawValue
        }

        /// The groups of a lowercase type and subtype.
        init(type: String, subtype: String) {
            var groups: Groups = []
            // A JSON MIME type: a subtype ending in `+json`, or application/json or text/json.
            if subtype.hasSuffix("+json") || (subtype == "json" && (type == "application" || type == "text")) {
                groups.insert(.json)
            }
            // An XML MIME type: a subtype ending in `+xml`, or text/xml or application/xml (RFC 7303).
            if subtype.hasSuffix("+xml") || (subtype == "xml" && (type == "application" || type == "text")) {
                groups.insert(.xml)
            }
            if type == "text" && subtype == "html" { groups.insert(.html) }
            if type == "application" && subtype == "pdf" { groups.insert(.pdf) }
            if type == "image" { groups.insert(.image) }
            if type == "text" { groups.insert(.text) }
            if subtype == "octet-stream" && (type == "application" || type == "binary") { groups.insert(.octetStream) }
            if type == "*" || subtype == "*" { groups.insert(.wildcard) }
            self = groups
        }
    }
}
