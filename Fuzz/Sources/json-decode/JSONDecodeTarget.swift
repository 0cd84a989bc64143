import FuzzSupport
import StrictJSON

/// `StrictJSONDecoder` reading straight from the bytes against the same decoder reading the
/// parsed tree: both must accept the same documents (with the parser's error) and decode
/// the same values or fail with the same message. `Walked` asks for every container kind;
/// `[Record]` asks for fixed names in and out of order, several key types per object and
/// containers kept across records, which the byte decoder's member tables (and the names
/// they remember from one record to the next) must survive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for policy in [JSONOptions.DuplicateKeyPolicy.keepLast, .keepFirst] {
        let decoder = StrictJSONDecoder(options: JSONOptions(maxDepth: 24, duplicateKeys: policy))
        compare(Walked.self, bytes, decoder)
        compare([Record].self, bytes, decoder)
    }
    return 0
}

private func compare<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8], _ decoder: StrictJSONDecoder) {
    let tree = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: decoder.options) }
    let fromBytes = Result { try decoder.decode(type, from: bytes) }
    switch (tree, fromBytes) {
    case (.failure(let parserError), .failure(let error)):
        Invariant.require(error as? JSONError == parserError, "parser says \(parserError), byte decoder says \(error)")
    case (.failure(let parserError), .success):
        Invariant.fail("parser rejects (\(parserError)), byte decoder accepts")
    case (.success(let value), _):
        let fromTree = Result { try decoder.decode(type, from: value) }
        switch (fromTree, fromBytes) {
        case (.success(let expected), .success(let actual)):
            Invariant.require(expected == actual, "tree decodes \(expected), bytes decode \(actual)")
        case (.failure(let expected), .failure(let actual)):
            Invariant.require(message(expected) == message(actual), "tree fails with \(expected), bytes fail with \(actual)")
        default:
            Invariant.fail("tree \(fromTree), bytes \(fromBytes)")
        }
    }
}

private func message(_ error: any Error) -> String {
    switch error as? DecodingError {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
        "\(context.codingPath.map(\.stringValue)) \(context.debugDescription)"
    default: "\(error)"
    }
}

/// Any value, read through the container its first byte calls for.
private indirect enum Walked: Decodable, Equatable {
    case null, bool(Bool), integer(Int64), double(Double), string(String), array([Walked]), object([String: Walked], keys: [String])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
                return
            }
            if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
                return
            }
            if let double = try? container.decode(Double.self) {
                self = .double(double)
                return
            }
            if let string = try? container.decode(String.self) {
                self = .string(string)
                return
            }
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [Walked] = []
            while !array.isAtEnd { elements.append(try array.decode(Walked.self)) }
            self = .array(elements)
            return
        }
        let object = try decoder.container(keyedBy: AnyKey.self)
        var members: [String: Walked] = [:]
        for key in object.allKeys { members[key.stringValue] = try object.decode(Walked.self, forKey: key) }
        self = .object(members, keys: object.allKeys.map(\.stringValue))
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A record read by fixed names, out of order, with a second key type and a nested record.
private struct Record: Decodable, Equatable {
    /// What one question to a container answered.
    enum Answer: Equatable {
        case failed, absent, value(Walked), count(Int), contains(Bool)

        init(_ read: () throws -> Walked?) {
            do {
                self = try read().map(Answer.value) ?? .absent
            } catch {
                self = .failed
            }
        }
    }

    var answers: [Answer]

    enum Keys: String, CodingKey { case a, b, id, name, k = "K", kelvin = "\u{212A}", nested, longerThanEightBytes }
    enum Other: String, CodingKey { case b, a, name }

    init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: Keys.self)
        let nested = try keyed.decodeIfPresent(Record.self, forKey: .nested)
        let other = try decoder.container(keyedBy: Other.self)
        var answers: [Answer] = []
        for key in [Keys.a, .id, .name, .kelvin, .k, .b, .longerThanEightBytes, .a] {
            answers.append(Answer { try keyed.decodeIfPresent(Walked.self, forKey: key) })
        }
        for key in [Other.name, .b, .a] {
            answers.append(Answer { try other.decodeIfPresent(Walked.self, forKey: key) })
        }
        answers.append(.count(keyed.allKeys.count))
        answers.append(.contains(keyed.contains(.kelvin)))
        self.answers = answers + (nested?.answers ?? [])
    }
}
