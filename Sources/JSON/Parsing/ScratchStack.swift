/// A growable stack of values in memory the parser owns, from which the members of a finished array or object are
/// moved (not copied) into an array of exactly their count.
///
/// Building `[JSON]` by `append` costs a few reallocations per container (1, 2, 4, 8, … elements) and leaves spare
/// capacity behind; a page of alerts has tens of thousands of small containers. With one stack per parse, each
/// container costs one allocation of the right size and no reference counting (moves, not retain + release).
///
/// Non-copyable: the memory has one owner, and `deinit` destroys what is left on every path (a parse error leaves the
/// values of the unfinished containers here).
struct ScratchStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// The element at `position` (counted from the bottom of the stack); `position < count`.
    @inline(__always)
    subscript(position: Int) -> Element {
        get { base[position] }
        nonmutating set { base[position] = newValue }
    }

    /// Removes the top `count` elements and returns them, bottom first, as an array of exactly that capacity.
    mutating func popArray(_ count: Int) -> [Element] {
        guard count > 0 else { return [] }
        let start = base + (self.count - count)
        self.count -= count
        // `reserveCapacity` + `append(contentsOf:)` rather than `Array(unsafeUninitializedCapacity:)`: the latter
        // reaches an unspecialised runtime entry point that looks up the array's metadata on every call.
        var array: [Element] = []
        array.reserveCapacity(count)
        array.append(contentsOf: Moving(position: start, end: start + count))
        return array
    }

    /// The elements between two pointers, moved out (not copied) as they are iterated; all of them must be iterated.
    private struct Moving: Sequence, IteratorProtocol {
        var position: UnsafeMutablePointer<Element>
        let end: UnsafeMutablePointer<Element>

        var underestimatedCount: Int { end - position }

        @inline(__always)
        mutating func next() -> Element? {
            guard position < end else { return nil }
            defer { position += 1 }
            return position.move()
        }
    }

    /// Removes the top `count` elements.
    mutating func drop(_ count: Int) {
        self.count -= count
        (base + self.count).deinitialize(count: count)
    }

    /// Calls `body` with the elements from `position` to the top.
    @inline(__always)
    func withElements<R>(from position: Int, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        body(UnsafeBufferPointer(start: base + position, count: count - position))
    }
}
