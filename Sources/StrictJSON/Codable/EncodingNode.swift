/// A value under construction while encoding: containers hand out references to it, so
/// a nested container can fill it after its parent has moved on.
final class EncodingNode {
    enum Content {
        case empty
        case value(JSONValue)
        case array([EncodingNode])
        case object(keys: [String], nodes: [EncodingNode], positions: [CodeUnitKey: Int])
    }

    var content = Content.empty

    init(_ content: Content = .empty) {
        self.content = content
    }

    /// Turns this node into an object if it is not one, and returns the node for `key`.
    @discardableResult
    func member(_ key: String, replacing newNode: EncodingNode? = nil) -> EncodingNode {
        guard case .object(var keys, var nodes, var positions) = content else {
            let node = newNode ?? EncodingNode()
            content = .object(keys: [key], nodes: [node], positions: [CodeUnitKey(key): 0])
            return node
        }
        content = .empty  // Release the arrays so the appends below do not copy them.
        let node: EncodingNode
        if let position = positions[CodeUnitKey(key)] {
            if let newNode { nodes[position] = newNode }
            node = nodes[position]
        } else {
            node = newNode ?? EncodingNode()
            positions[CodeUnitKey(key)] = keys.count
            keys.append(key)
            nodes.append(node)
        }
        content = .object(keys: keys, nodes: nodes, positions: positions)
        return node
    }

    /// Turns this node into an array if it is not one, and appends a new element node.
    @discardableResult
    func appendElement(_ newNode: EncodingNode = EncodingNode()) -> EncodingNode {
        guard case .array(var nodes) = content else {
            content = .array([newNode])
            return newNode
        }
        content = .empty
        nodes.append(newNode)
        content = .array(nodes)
        return newNode
    }

    var elementCount: Int {
        if case .array(let nodes) = content { return nodes.count }
        return 0
    }

    var memberCount: Int {
        if case .object(let keys, _, _) = content { return keys.count }
        return 0
    }

    func makeObject() {
        if case .object = content { return }
        content = .object(keys: [], nodes: [], positions: [:])
    }

    func makeArray() {
        if case .array = content { return }
        content = .array([])
    }

    /// The finished value; a node nothing was written to is an empty object, as Foundation does.
    func value(sortedKeys: Bool) -> JSONValue {
        switch content {
        case .empty: return .object(JSONObject())
        case .value(let value): return value
        case .array(let nodes): return .array(nodes.map { $0.value(sortedKeys: sortedKeys) })
        case .object(let keys, let nodes, _):
            var members = zip(keys, nodes).map { (key: $0.0, value: $0.1.value(sortedKeys: sortedKeys)) }
            if sortedKeys { members.sort { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) } }
            return .object(JSONObject(uniqueMembers: members, index: nil))
        }
    }
}
