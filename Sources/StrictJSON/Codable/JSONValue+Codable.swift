extension JSONValue: Codable {
    /// Decodes any JSON value; with ``StrictJSONDecoder`` numbers keep their source text,
    /// with other decoders they come back through `Int64` or `Double`.
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? JSONValueDecoder {
            self = decoder.value
            return
        }
        if let decoder = decoder as? JSONBytesDecoder {
            self = decoder.currentValue()
            return
        }
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
                self = .number(JSONNumber(integer))
                return
            }
            if let double = try? container.decode(Double.self), let number = JSONNumber(double) {
                self = .number(number)
                return
            }
            if let string = try? container.decode(String.self) {
                self = .string(string)
                return
            }
        }
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        let object = try decoder.container(keyedBy: JSONCodingKey.self)
        var members: [JSONObject.Member] = []
        for key in object.allKeys { members.append((key: key.stringValue, value: try object.decode(JSONValue.self, forKey: key))) }
        self = .object(JSONObject(members))
    }

    /// Encodes this value; with ``StrictJSONEncoder`` numbers keep their source text.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? JSONValueEncoder {
            encoder.node.content = .value(self)
            return
        }
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let bool):
            var container = encoder.singleValueContainer()
            try container.encode(bool)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if let integer = number.int64, number.isIntegerLiteral {
                try container.encode(integer)
            } else if let integer = number.uint64, number.isIntegerLiteral {
                try container.encode(integer)
            } else {
                try container.encode(number.double ?? .infinity)
            }
        case .string(let string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let object):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for member in object { try container.encode(member.value, forKey: JSONCodingKey(stringValue: member.key)) }
        }
    }
}
