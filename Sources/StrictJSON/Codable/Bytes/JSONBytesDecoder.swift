#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `Decoder` that reads straight from validated bytes, without building a tree.
///
/// One instance serves a whole nest of values: decoding a member or element moves
/// ``position`` and pushes its key, then restores both, so nested values cost no decoder
/// of their own. Containers find members lazily (see ``ObjectMembers``); scalars are read
/// from the bytes directly. Messages and conversions are the tree decoder's
/// (``JSONValueDecoder``), which every failure goes through, so both paths agree.
final class JSONBytesDecoder: Decoder {
    let document: DecodingDocument
    /// The first byte of the value being decoded.
    // Both change twice per nested value. No access to them overlaps another (the decoder
    // moves them only around a nested value's decode), so the run-time exclusivity checks,
    // which took more time than the moves themselves, are off for them.
    @exclusivity(unchecked) private(set) var position: Int
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { document.userInfo }

    init(document: DecodingDocument, position: Int, codingPath: [any CodingKey]) {
        self.document = document
        self.position = position
        self.codingPath = codingPath
    }

    /// Validates `bytes` as a whole (same errors as ``JSONParser``), then decodes a `T`.
    static func decode<T: Decodable>(
        _ type: T.Type, from bytes: UnsafeRawBufferPointer, options: JSONOptions, userInfo: [CodingUserInfoKey: Any]
    ) throws -> T {
        // The validator's fast path only ever says "valid", and is faster than the scanner
        // on common documents; every other answer, and every error, comes from the scanner.
        let fitsSize = options.maxSize.map { bytes.count <= $0 } ?? true
        if !fitsSize || !ValidatorFastPath.accepts(bytes, maxDepth: min(options.maxDepth, JSONParser.maximumTreeDepth)) {
            var visitor = IgnoringVisitor()
            try JSONScanner.scanDocument(bytes, options: options, maxDepthCap: JSONParser.maximumTreeDepth, visitor: &visitor)
        }
        let document = DecodingDocument(copying: bytes, options: options, userInfo: userInfo)
        return try JSONBytesDecoder(document: document, position: document.rootStart, codingPath: []).unbox(type)
    }

    /// A separate decoder for the value at `position`, for containers and decoders handed
    /// out to keep (nested containers, `superDecoder`), whose paths must not follow this one.
    func detached(at position: Int, path: [any CodingKey]) -> JSONBytesDecoder {
        JSONBytesDecoder(document: document, position: position, codingPath: path)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard document.byte(position) == 0x7B else { throw mismatch([String: JSONValue].self, "an object") }
        return KeyedDecodingContainer(
            KeyedContainer<Key>(decoder: self, start: position, depth: codingPath.count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard document.byte(position) == 0x5B else { throw mismatch([JSONValue].self, "an array") }
        return UnkeyedContainer(decoder: self, start: position, depth: codingPath.count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    /// Decodes the value at `start`, whose key is `key`, leaving this decoder as it was.
    @inline(__always)
    func unbox<T: Decodable>(_ type: T.Type, at start: Int, key: some CodingKey, depth: Int) throws -> T {
        if let kind = FastType(type) { return try fast(kind, type, at: start, path: self.path(depth, key)) }
        let saved = position
        codingPath.append(key)
        position = start
        defer {
            position = saved
            codingPath.removeLast()
        }
        return try unbox(type)
    }

    /// The path of a container at `depth` of this decoder, plus `key`; built only for errors.
    func path(_ depth: Int, _ key: some CodingKey) -> [any CodingKey] {
        Array(codingPath.prefix(depth)) + [key]
    }

    /// Decodes the value at ``position``, with fast paths for JSON's own types and scalars.
    func unbox<T: Decodable>(_ type: T.Type) throws -> T {
        if let kind = FastType(type) { return try fast(kind, type, at: position, path: codingPath) }
        if type == JSONValue.self || type == Decimal.self { return try readsItself(type) }
        return try T(from: self)
    }

    /// ``JSONValue`` and `Decimal`, which read the value themselves; `T` is one of them.
    /// Kept out of ``unbox(_:)``, where the casts made every call look up `Optional<T>`.
    @inline(never)
    private func readsItself<T>(_ type: T.Type) throws -> T {
        if type == JSONValue.self { return document.value(at: position) as! T }
        return try JSONValueDecoder.decimal(currentValue(), codingPath) as! T
    }

    /// Types read without going through `T(from:)` and the containers, whose generic
    /// calls cost more than reading the bytes.
    enum FastType {
        case string, int, double, bool, strings, ints, doubles, bools

        @inline(__always)
        init?(_ type: Any.Type) {
            let arrays = Self.arrays
            switch ObjectIdentifier(type) {
            case ObjectIdentifier(String.self): self = .string
            case ObjectIdentifier(Int.self): self = .int
            case ObjectIdentifier(Double.self): self = .double
            case ObjectIdentifier(Bool.self): self = .bool
            case arrays.strings: self = .strings
            case arrays.ints: self = .ints
            case arrays.doubles: self = .doubles
            case arrays.bools: self = .bools
            default: return nil
            }
        }

        /// The array types' identities, looked up once: naming `[String].self` here made
        /// the runtime look the type's metadata up in its cache on every call.
        private static let arrays = (
            strings: ObjectIdentifier([String].self), ints: ObjectIdentifier([Int].self),
            doubles: ObjectIdentifier([Double].self), bools: ObjectIdentifier([Bool].self)
        )
    }

    /// Reads a ``FastType``; `type` must be the type `kind` was made from, which is what
    /// makes each `unsafeBitCast` a cast from a type to itself.
    private func fast<T>(_ kind: FastType, _ type: T.Type, at start: Int, path: @autoclosure () -> [any CodingKey]) throws -> T {
        switch kind {
        case .string: unsafeBitCast(try string(at: start, path()), to: T.self)
        case .int: unsafeBitCast(try integer(Int.self, at: start, path()), to: T.self)
        case .double: unsafeBitCast(try double(at: start, path()), to: T.self)
        case .bool: unsafeBitCast(try bool(at: start, path()), to: T.self)
        case .strings: unsafeBitCast(try array(at: start, path()) { try self.string(at: $0, path() + [JSONCodingKey(index: $1)]) }, to: T.self)
        case .ints: unsafeBitCast(try array(at: start, path()) { try self.integer(Int.self, at: $0, path() + [JSONCodingKey(index: $1)]) }, to: T.self)
        case .doubles: unsafeBitCast(try array(at: start, path()) { try self.double(at: $0, path() + [JSONCodingKey(index: $1)]) }, to: T.self)
        case .bools: unsafeBitCast(try array(at: start, path()) { try self.bool(at: $0, path() + [JSONCodingKey(index: $1)]) }, to: T.self)
        }
    }

    /// An array of scalars, read in one loop; `element` reads the one at a position with
    /// an index, and its errors are the unkeyed container's.
    ///
    /// The callers build an element's path from their own `path`: a closure made here
    /// would need `withoutActuallyEscaping`, which allocated a box for every array.
    private func array<Element>(
        at start: Int, _ path: @autoclosure () -> [any CodingKey], _ element: (Int, Int) throws -> Element
    ) throws -> [Element] {
        guard document.byte(start) == 0x5B else {
            throw JSONValueDecoder.mismatch([JSONValue].self, document.value(at: start), path(), "an array")
        }
        var elements: [Element] = []
        var p = document.skipWhitespace(from: start + 1)
        while document.byte(p) != 0x5D {
            let index = elements.count
            // Small arrays are the common case; growing from one element reallocates twice.
            if index == 0 { elements.reserveCapacity(4) }
            elements.append(try element(p, index))
            p = document.skipWhitespace(from: document.valueEnd(from: p))
            if document.byte(p) == 0x2C { p = document.skipWhitespace(from: p + 1) }
        }
        document.remember(start, p + 1)
        return elements
    }

    /// The current value as a tree, for ``JSONValue``'s own `init(from:)`.
    func currentValue() -> JSONValue { document.value(at: position) }

    // MARK: Scalars, shared by all three containers
    // Each reads the value at `start`; anything unusual goes to the tree decoder's
    // conversions with a one-value tree, so messages and edge cases match it exactly.

    func isNull(at start: Int) -> Bool { document.byte(start) == 0x6E }

    func bool(at start: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch document.byte(start) {
        case 0x74: return true
        case 0x66: return false
        default: return try JSONValueDecoder.bool(document.value(at: start), path())
        }
    }

    func string(at start: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard document.byte(start) == ByteClass.quote else { return try JSONValueDecoder.string(document.value(at: start), path()) }
        let (end, hasEscapes, _) = document.stringEnd(from: start)
        document.remember(start, end)
        guard hasEscapes else {
            return StringDecoder.string(UnsafeRawBufferPointer(start: document.base + start + 1, count: end - start - 2))
        }
        return document.strings.decode(document.base, start..<end, hasEscapes: true)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at start: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        if let number = NumberReader.integer(document.base, at: start) {
            document.remember(start, number.end)
            let value: T? =
                number.negative
                ? (T.isSigned ? T(exactly: Int64(bitPattern: 0 &- number.magnitude)) : number.magnitude == 0 ? 0 : nil)
                : T(exactly: number.magnitude)
            if let value { return value }
        }
        return try JSONValueDecoder.integer(type, tree(at: start), path())
    }

    func double(at start: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        if let number = NumberReader.double(document.base, at: start) {
            document.remember(start, number.end)
            return number.value
        }
        return try JSONValueDecoder.double(tree(at: start), path())
    }

    func float(at start: Int, _ path: @autoclosure () -> [any CodingKey]) throws -> Float {
        try JSONValueDecoder.float(tree(at: start), path())
    }

    /// The value at `start` as a tree; numbers skip the parser.
    private func tree(at start: Int) -> JSONValue {
        let c = document.byte(start)
        guard c == 0x2D || ByteClass.isDigit(c) else { return document.value(at: start) }
        return .number(JSONNumber(uncheckedText: document.numberText(at: start)))
    }

    private func mismatch(_ type: Any.Type, _ wanted: String) -> DecodingError {
        JSONValueDecoder.mismatch(type, currentValue(), codingPath, wanted)
    }
}
