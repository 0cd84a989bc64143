#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one member of an object sits in a ``DecodingDocument``.
struct MemberEntry: Sendable, Hashable {
    /// The first byte of the key's body (after the opening quote).
    var keyStart: Int
    /// The key's closing quote.
    var keyEnd: Int
    var valueStart: Int
    /// The key's first eight bytes (zero past its end): with the length, a whole short
    /// key, so most compares are two integer compares.
    var prefix: UInt64
    /// The key has escapes or non-ASCII bytes, so only a `String` compare is exact.
    var needsStringCompare: Bool
    /// A duplicate the policy drops.
    var isDropped = false
}

/// The members of one object, found in one pass over its bytes, with the duplicate-key
/// policy applied the way ``JSONParser`` applies it: keys compare code unit by code unit, and the
/// survivor of a repeated key keeps its own position.
struct ObjectMembers {
    /// The object's `{`, or -1 before the first ``load(at:in:)``.
    private(set) var start = -1
    private(set) var entries: [MemberEntry] = []
    /// Key to surviving position, for objects too big to search linearly.
    private(set) var index: [CodeUnitKey: Int]?
    /// Where the next search starts: members are usually asked for in document order,
    /// so the first try normally hits.
    private var hint = 0
    /// The keys are plain, at most eight bytes (so length and prefix are the whole key)
    /// and pairwise different.
    private var keysAreShortAndDistinct = false
    /// The names found at each position while the tables had these same keys (see
    /// ``load(at:in:)``), `nil` where none was asked for yet. A record type asks for the
    /// same names in every object of an array, mostly the very `String`s its coding keys
    /// return, whose equality is then one compare of their bits.
    private var foundNames: [String?] = []

    /// Replaces the table with the members of the object whose `{` is at `start`,
    /// keeping the entries' storage for the next object.
    mutating func load(at start: Int, in document: DecodingDocument) {
        self.start = start
        index = nil
        hint = 0
        // Arrays of records repeat the previous object's keys; when they are the same
        // short keys in the same order, they are still pairwise different.
        var repeatsKeys = keysAreShortAndDistinct
        var count = 0
        var p = document.skipWhitespace(from: start + 1)
        if document.byte(p) != 0x7D {
            while true {
                let key = document.stringEnd(from: p)
                let colon = document.skipWhitespace(from: key.end)
                let valueStart = document.skipWhitespace(from: colon + 1)
                let entry = MemberEntry(
                    keyStart: p + 1, keyEnd: key.end - 1, valueStart: valueStart,
                    prefix: Self.prefix(document.base + p + 1, count: key.end - p - 2),
                    needsStringCompare: key.hasEscapes || !key.isASCII)
                if count < entries.count {
                    let previous = entries[count]
                    repeatsKeys = repeatsKeys && entry.prefix == previous.prefix && entry.needsStringCompare == previous.needsStringCompare
                        && entry.keyEnd - entry.keyStart == previous.keyEnd - previous.keyStart
                    entries[count] = entry
                } else {
                    repeatsKeys = false
                    entries.append(entry)
                }
                count += 1
                p = document.skipWhitespace(from: document.valueEnd(from: valueStart))
                guard document.byte(p) == 0x2C else { break }
                p = document.skipWhitespace(from: p + 1)
            }
        }
        if count < entries.count {
            repeatsKeys = false
            entries.removeLast(entries.count - count)
        }
        document.remember(start, p + 1)
        guard !repeatsKeys else { return }
        foundNames.removeAll(keepingCapacity: true)
        guard count <= DuplicateKeyResolver.pairwiseLimit else {
            keysAreShortAndDistinct = false
            buildIndex(document)
            return
        }
        if count > 1 { dropDuplicatesPairwise(document) }
        keysAreShortAndDistinct = entries.allSatisfy { !$0.needsStringCompare && !$0.isDropped && $0.keyEnd - $0.keyStart <= 8 }
    }

    private mutating func dropDuplicatesPairwise(_ document: DecodingDocument) {
        // One bit per member from its length and prefix: no bit set twice (the usual case)
        // means no two plain keys are equal, so only then compare pairs.
        var seen: UInt64 = 0
        var mayRepeat = false
        for entry in entries {
            if entry.needsStringCompare {
                mayRepeat = true
                break
            }
            let mixed = (entry.prefix ^ UInt64(entry.keyEnd - entry.keyStart)) &* 0x9E37_79B9_7F4A_7C15
            let bit: UInt64 = 1 &<< (mixed &>> 58)
            if seen & bit != 0 {
                mayRepeat = true
                break
            }
            seen |= bit
        }
        guard mayRepeat else { return }
        let keepFirst = document.options.duplicateKeys == .keepFirst
        for later in 1..<entries.count {
            for earlier in 0..<later where !entries[earlier].isDropped && Self.sameKey(entries[earlier], entries[later], document) {
                entries[keepFirst ? later : earlier].isDropped = true
                if keepFirst { break }
            }
        }
    }

    private mutating func buildIndex(_ document: DecodingDocument) {
        let keepFirst = document.options.duplicateKeys == .keepFirst
        var index = [CodeUnitKey: Int](minimumCapacity: entries.count)
        for position in entries.indices {
            let key = CodeUnitKey(document.key(entries[position]))
            if let earlier = index[key] {
                if keepFirst {
                    entries[position].isDropped = true
                    continue
                }
                entries[earlier].isDropped = true
            }
            index[key] = position
        }
        self.index = index
    }

    private static func sameKey(_ left: MemberEntry, _ right: MemberEntry, _ document: DecodingDocument) -> Bool {
        if left.needsStringCompare || right.needsStringCompare { return document.key(left).hasSameCodeUnits(as: document.key(right)) }
        let length = left.keyEnd - left.keyStart
        guard length == right.keyEnd - right.keyStart && left.prefix == right.prefix else { return false }
        return length <= 8 || memcmp(document.base + left.keyStart + 8, document.base + right.keyStart + 8, length - 8) == 0
    }

    /// The first eight bytes at `start` (of `count`), zero past `count`. Reads eight bytes,
    /// which the document's padding allows for keys inside it.
    @inline(__always)
    private static func prefix(_ start: UnsafeRawPointer, count: Int) -> UInt64 {
        let word = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
        return count >= 8 ? word : word & ((1 &<< UInt64(8 * count)) &- 1)
    }

    /// ``prefix(_:count:)`` for a buffer that may not be followed by readable bytes.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(bytes.count, 8) { word |= UInt64(bytes[index]) &<< UInt64(8 * index) }
        return word
    }

    /// The surviving member named `name`, searching from where the last search ended.
    mutating func position(of name: String, in document: DecodingDocument) -> Int? {
        // `==` is canonical equivalence, not code units, and "K" == "\u{212A}" (Kelvin). But
        // a found name is plain ASCII, and a different string equivalent to ASCII has a
        // non-ASCII scalar that decomposes to one ASCII scalar, so it is longer in UTF-8:
        // equal length and `==` mean equal code units.
        if hint < foundNames.count, let found = foundNames[hint], found.utf8.count == name.utf8.count, found == name {
            hint += 1
            return hint - 1
        }
        let count = entries.count
        guard count > 0 else { return nil }
        var position = hint < count ? hint : 0
        // A big object tries only the hint before its index.
        let tries = index == nil ? count : 1
        let found = name.utf8.withContiguousStorageIfAvailable { (wanted) -> Int? in
            for _ in 0..<tries {
                let entry = entries[position]
                if !entry.isDropped && Self.matches(entry, wanted, name, document) { return position }
                position = position + 1 == count ? 0 : position + 1
            }
            return nil
        }
        guard let found else {
            var copy = name
            copy.makeContiguousUTF8()
            return self.position(of: copy, in: document)
        }
        guard let result = found ?? index?[CodeUnitKey(name)] else { return nil }
        hint = result + 1
        if keysAreShortAndDistinct {
            // Only these tables keep their names for the next object with the same keys.
            while foundNames.count <= result { foundNames.append(nil) }
            foundNames[result] = name
        }
        return result
    }

    /// Whether `entry`'s key is `name`, whose UTF-8 is `wanted`.
    @inline(__always)
    private static func matches(_ entry: MemberEntry, _ wanted: UnsafeBufferPointer<UInt8>, _ name: String, _ document: DecodingDocument) -> Bool {
        // A key without escapes or non-ASCII bytes is its own code units, so equal bytes
        // are equal keys; any other key compares by decoded code units, as the tree does.
        guard !entry.needsStringCompare else { return document.key(entry).hasSameCodeUnits(as: name) }
        guard entry.keyEnd - entry.keyStart == wanted.count, entry.prefix == prefix(wanted) else { return false }
        guard wanted.count > 8, let wantedBase = wanted.baseAddress else { return true }
        return memcmp(document.base + entry.keyStart + 8, wantedBase + 8, wanted.count - 8) == 0
    }
}
