/// One or more outputs failed; every output of the job was aborted.
public struct OutputFailures: Error, CustomStringConvertible {
    public struct Failure: Sendable {
        public var output: String
        public var error: any Error
    }

    /// In the order of the job's outputs.
    public var failures: [Failure]

    public var description: String {
        failures.map { failure in
            if let error = failure.error as? OutputError, error.output != nil { return error.description }
            return "output '\(failure.output)': \(failure.error)"
        }.joined(separator: "; ")
    }

    static func throwIfAny(_ failures: [Failure], order: [String]) throws {
        guard !failures.isEmpty else { return }
        if failures.allSatisfy({ $0.error is CancellationError }) { throw CancellationError() }
        let sorted = failures.sorted { (order.firstIndex(of: $0.output) ?? 0) < (order.firstIndex(of: $1.output) ?? 0) }
        throw OutputFailures(failures: sorted.filter { !($0.error is CancellationError) })
    }
}
