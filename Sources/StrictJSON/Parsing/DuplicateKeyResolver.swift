/// Applies a ``JSONOptions/DuplicateKeyPolicy`` to one object's members, in one place for
/// the parser and the spans.
enum DuplicateKeyResolver {
    /// Objects up to this size compare keys pairwise, which beats hashing them.
    static let pairwiseLimit = 12

    /// The positions to keep, or `nil` when every key is unique (the common case); throws
    /// ``JSONError/Kind/duplicateKey`` at the second occurrence's offset under `.reject`.
    ///
    /// When the object is large enough, `index` receives key to kept position.
    static func survivors(
        keys: (Int) -> String,
        count: Int,
        keyOffset: (Int) -> Int,
        policy: JSONOptions.DuplicateKeyPolicy,
        index: inout [CodeUnitKey: Int]?
    ) throws(JSONError) -> [Int]? {
        guard count > 1 else { return nil }
        var firstDuplicate: (earlier: Int, later: Int)?
        var positions: [CodeUnitKey: Int] = [:]
        if count <= pairwiseLimit {
            search: for later in 1..<count {
                let key = keys(later)
                for earlier in 0..<later where keys(earlier).hasSameCodeUnits(as: key) {
                    firstDuplicate = (earlier, later)
                    break search
                }
            }
        } else {
            positions.reserveCapacity(count)
            for position in 0..<count {
                if let earlier = positions.updateValue(position, forKey: CodeUnitKey(keys(position))) {
                    firstDuplicate = (earlier, position)
                    break
                }
            }
            if firstDuplicate == nil { index = positions }
        }
        guard let firstDuplicate else { return nil }
        if policy == .reject {
            throw JSONError(
                .duplicateKey, at: keyOffset(firstDuplicate.later),
                expected: "a key other than \(String(reflecting: keys(firstDuplicate.later))), which this object already has",
                found: ByteClass.quote)
        }
        // Rare path: resolve every duplicate with a dictionary of last (or first) positions.
        var kept: [CodeUnitKey: Int] = [:]
        for position in 0..<count {
            let key = CodeUnitKey(keys(position))
            if policy == .keepLast || kept[key] == nil { kept[key] = position }
        }
        let survivors = (0..<count).filter { kept[CodeUnitKey(keys($0))] == $0 }
        index = nil
        return survivors
    }
}
