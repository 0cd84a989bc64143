#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `Decoder` that walks a ``JSONValue`` tree.
final class JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(value: JSONValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    private init(value: JSONValue, codingPath: [any CodingKey], anyUserInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = anyUserInfo
    }

    func child(_ value: JSONValue, key: any CodingKey) -> JSONValueDecoder {
        JSONValueDecoder(value: value, codingPath: codingPath + [key], anyUserInfo: userInfo)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw Self.mismatch([String: JSONValue].self, value, codingPath, "an object") }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else { throw Self.mismatch([JSONValue].self, value, codingPath, "an array") }
        return UnkeyedContainer(array: array, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    /// Decodes `type` from this decoder's value, with fast paths for JSON's own types.
    func unbox<T: Decodable>(_ type: T.Type) throws -> T {
        if type == JSONValue.self, let value = value as? T { return value }
        if type == Decimal.self, let decimal = try unboxDecimal() as? T { return decimal }
        return try T(from: self)
    }

    private func unboxDecimal() throws -> Decimal { try Self.decimal(value, codingPath) }

    // MARK: Scalars, shared by all three containers
    // Static, with the coding path built only on failure, so containers decode scalars
    // without making a child decoder per value.

    static func bool(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self, value, path(), "true or false") }
        return bool
    }

    static func string(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let string) = value else { throw mismatch(String.self, value, path(), "a string") }
        return string
    }

    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard case .number(let number) = value else { throw mismatch(type, value, path(), "a number") }
        let converted: T? = T.isSigned ? number.int64.flatMap { T(exactly: $0) } : number.uint64.flatMap { T(exactly: $0) }
        guard let converted else { throw corrupted(path(), "number \(number.text) does not fit \(T.self)") }
        return converted
    }

    static func decimal(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Decimal {
        guard case .number(let number) = value else { throw mismatch(Decimal.self, value, path(), "a number") }
        guard let decimal = number.decimal else { throw corrupted(path(), "number \(number.text) does not fit Decimal exactly") }
        return decimal
    }

    static func double(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard case .number(let number) = value else { throw mismatch(Double.self, value, path(), "a number") }
        guard let double = number.double else { throw corrupted(path(), "number \(number.text) is too large for Double") }
        return double
    }

    static func float(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Float {
        guard case .number(let number) = value else { throw mismatch(Float.self, value, path(), "a number") }
        guard let float = number.float else { throw corrupted(path(), "number \(number.text) is too large for Float") }
        return float
    }

    static func corrupted(_ path: [any CodingKey], _ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "at \(CodingPathDescription.describe(path)): \(message)"))
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey], _ wanted: String) -> DecodingError {
        let found = switch value {
        case .string(let string): "string \(String(reflecting: string.count > 40 ? String(string.prefix(40)) + "…" : string))"
        case .number(let number): "number \(number.text)"
        case .bool(let bool): "\(bool)"
        default: value.typeName
        }
        let context = DecodingError.Context(
            codingPath: path, debugDescription: "at \(CodingPathDescription.describe(path)): expected \(wanted) for \(type), found \(found)")
        return value == .null ? .valueNotFound(type, context) : .typeMismatch(type, context)
    }
}
