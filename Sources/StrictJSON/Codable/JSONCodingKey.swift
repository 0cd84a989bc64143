/// A coding key made at run time: an object key or an array index.
///
/// An enum rather than two stored properties, so it fits an existential's inline buffer
/// and putting it in a coding path allocates nothing of its own.
enum JSONCodingKey: CodingKey, Sendable, Hashable {
    case name(String)
    case index(Int)

    var stringValue: String {
        switch self {
        case .name(let name): name
        case .index(let index): String(index)
        }
    }

    var intValue: Int? {
        if case .index(let index) = self { return index }
        return nil
    }

    init(stringValue: String) {
        self = .name(stringValue)
    }

    init(intValue: Int) {
        self = .index(intValue)
    }

    init(index: Int) {
        self = .index(index)
    }

    static let `super` = JSONCodingKey.name("super")
}

/// Writes a coding path the way a reader of the JSON would: `items[3].price`.
enum CodingPathDescription {
    static func describe(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "the top level" }
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}
