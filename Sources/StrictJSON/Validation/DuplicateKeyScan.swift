/// Finds the first object member whose name an earlier member of the same object already
/// has, in a document that a validator has accepted.
///
/// The validators never look at key names; this pass does, for readers that want to warn
/// about duplicates rather than reject or resolve them. It allocates nothing for a document
/// without objects, and otherwise two small arrays: the open containers and the keys of the
/// open objects. Keys are compared by their bytes; only when one of the two holds an escape
/// are they unescaped and compared by code units, so `"a"` and `"\u0061"` are the same key,
/// as ``JSONOptions/DuplicateKeyPolicy`` compares them.
package enum DuplicateKeyScan {
    /// The first duplicate: the JSONPath of the repeated member (such as `$.instances[0].a`)
    /// and the offset of its key's opening quote.
    package struct Duplicate: Sendable, Hashable {
        package var path: String
        package var offset: Int
    }

    private struct Frame {
        var isObject: Bool
        /// Where this object's keys start in `keys`.
        var keyStart: Int
        /// The index of the current element, for an array.
        var index: Int
    }

    private struct Key {
        /// The key's bytes between its quotes.
        var body: Range<Int>
        var hasEscapes: Bool
    }

    /// The first duplicate key in `bytes`, which must be one valid JSON text (a leading
    /// byte-order mark is skipped), or nil when every object's keys are unique.
    package static func first(in bytes: UnsafeRawBufferPointer) -> Duplicate? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = bytes.count
        var frames: [Frame] = []
        var keys: [Key] = []
        var expectingKey = false
        var i = 0
        while i < end {
            let c = base[i]
            switch c {
            case 0x22:  // "
                var j = i &+ 1
                var hasEscapes = false
                while j < end {
                    let d = base[j]
                    if d == 0x22 { break }
                    if d == 0x5C {
                        hasEscapes = true
                        j &+= 2
                    } else {
                        j &+= 1
                    }
                }
                if expectingKey, let frame = frames.last {
                    let key = Key(body: (i &+ 1)..<min(j, end), hasEscapes: hasEscapes)
                    for earlier in keys[frame.keyStart...] where same(earlier, key, base) {
                        return Duplicate(path: path(frames, keys, key, base), offset: i)
                    }
                    keys.append(key)
                    expectingKey = false
                }
                i = j &+ 1
                continue
            case 0x7B:  // {
                frames.append(Frame(isObject: true, keyStart: keys.count, index: 0))
                expectingKey = true
            case 0x5B:  // [
                frames.append(Frame(isObject: false, keyStart: keys.count, index: 0))
            case 0x7D, 0x5D:  // } ]
                if let frame = frames.popLast() { keys.removeSubrange(frame.keyStart...) }
                expectingKey = false
            case 0x2C:  // ,
                if let last = frames.indices.last {
                    if frames[last].isObject { expectingKey = true } else { frames[last].index &+= 1 }
                }
            default:
                break
            }
            i &+= 1
        }
        return nil
    }

    private static func same(_ a: Key, _ b: Key, _ base: UnsafePointer<UInt8>) -> Bool {
        if !a.hasEscapes && !b.hasEscapes {
            guard a.body.count == b.body.count else { return false }
            for offset in 0..<a.body.count where base[a.body.lowerBound &+ offset] != base[b.body.lowerBound &+ offset] {
                return false
            }
            return true
        }
        return name(a, base).hasSameCodeUnits(as: name(b, base))
    }

    /// The key's name, unescaped.
    private static func name(_ key: Key, _ base: UnsafePointer<UInt8>) -> String {
        var decoder = StringDecoder()
        return decoder.decode(UnsafeRawPointer(base), (key.body.lowerBound &- 1)..<(key.body.upperBound &+ 1), hasEscapes: key.hasEscapes)
    }

    /// The JSONPath of `duplicate` in the innermost object of `frames`.
    private static func path(_ frames: [Frame], _ keys: [Key], _ duplicate: Key, _ base: UnsafePointer<UInt8>) -> String {
        var path = "$"
        for (position, frame) in frames.enumerated() {
            if frame.isObject {
                // The member being read is the object's last key; the innermost object's is the duplicate.
                let key = position == frames.count - 1 ? duplicate : keys[frames[position + 1].keyStart - 1]
                path += component(name(key, base))
            } else {
                path += "[\(frame.index)]"
            }
        }
        return path
    }

    /// `.name` for a name that is an identifier, `["name"]` (JSON-escaped) otherwise.
    private static func component(_ name: String) -> String {
        let isIdentifier = !name.isEmpty && name.utf8.first.map { !(0x30...0x39).contains($0) } == true
            && name.utf8.allSatisfy { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || (0x30...0x39).contains($0) || $0 == 0x5F }
        if isIdentifier { return "." + name }
        var quoted = "[\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20: quoted += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\"]"
    }
}
