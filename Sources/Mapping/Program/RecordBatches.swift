/// The records a run makes once every page was seen (one per indicator or asset), in output order, a batch at a
/// time: each batch is made when it is asked for, so only one batch of records exists at once. A batch may hold
/// fewer than `size` records (the `where` conditions drop some), never none while records remain.
public struct RecordBatches: Sequence, IteratorProtocol, Sendable {
    let positions: [Int]
    let size: Int
    let make: @Sendable (ArraySlice<Int>) -> [Record]
    var index = 0

    public init(positions: [Int], size: Int, make: @escaping @Sendable (ArraySlice<Int>) -> [Record]) {
        self.positions = positions
        self.size = Swift.max(1, size)
        self.make = make
    }

    public mutating func next() -> [Record]? {
        while index < positions.count {
            let end = index + Swift.min(size, positions.count - index)
            let batch = make(positions[index..<end])
            index = end
            if !batch.isEmpty { return batch }
        }
        return nil
    }
}
