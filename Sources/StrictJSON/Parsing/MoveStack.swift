/// A growable stack that hands its elements out by moving them, so finishing a container
/// costs no retain and release per element.
///
/// Invariant: slots `0..<count` are initialized, the rest are not. ``take(_:)`` leaves a
/// slot uninitialized, so every taken slot must be cut off with ``truncate(to:)`` before
/// anything else reads or frees it.
final class MoveStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Moves out the element at `position`, leaving its slot uninitialized.
    @inline(__always)
    func take(_ position: Int) -> Element {
        (storage + position).move()
    }

    /// A copy of the element at `position`.
    @inline(__always)
    func element(at position: Int) -> Element {
        storage[position]
    }

    /// Frees the elements `start..<count`.
    func removeAll(from start: Int) {
        (storage + start).deinitialize(count: count - start)
        count = start
    }

    /// Forgets slots `start...`; the caller has taken each of them.
    @inline(__always)
    func truncate(to start: Int) {
        count = start
    }

    /// Moves out `start..<count` as an array and shrinks the stack to `start`.
    func popArray(from start: Int) -> [Element] {
        var array = [Element].empty(capacity: count - start)
        for position in start..<count { array.append(take(position)) }
        count = start
        return array
    }


    /// Moves out the only element left.
    func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return (storage + count).move()
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}

extension Array {
    /// An empty array with room for `capacity` elements.
    ///
    /// `Array(unsafeUninitializedCapacity:)` calls an unspecialized runtime function that
    /// looks up the array's type metadata on every call (an eighth of the time spent on
    /// small objects); `reserveCapacity` is specialized and caches it.
    @inline(__always)
    static func empty(capacity: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(capacity)
        return array
    }
}
