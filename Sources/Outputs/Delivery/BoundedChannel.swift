import NIOCore
import Synchronization

/// An async channel holding at most `capacity` elements: a sender suspends while it is full, so a slow consumer
/// slows its producer down instead of letting memory grow. (`AsyncStream`'s buffering policies drop elements or
/// grow without bound; neither suspends the sender.)
///
/// One or more senders, one or more receivers. `finish()` ends the stream once the buffered elements are taken;
/// `fail(_:)` ends it at once and makes every pending and later `send` throw. Both sides honour task cancellation.
public final class BoundedChannel<Element: Sendable>: Sendable, AsyncSequence {
    public typealias Failure = any Error

    /// Thrown by `send` after `finish()`.
    public struct Finished: Error, CustomStringConvertible {
        public var description: String { "the channel was finished; no more elements are accepted" }
    }

    private struct Sender {
        var id: Int
        var element: Element
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Receiver {
        var id: Int
        var continuation: CheckedContinuation<Element?, any Error>
    }

    private struct State {
        var buffer = CircularBuffer<Element>()
        var senders: [Sender] = []
        var receivers: [Receiver] = []
        var finished = false
        var failure: (any Error)?
        var nextID = 0
        /// Operations started but not yet suspended or completed, and those of them cancelled in that window.
        var starting: Set<Int> = []
        var cancelledEarly: Set<Int> = []

        mutating func begin() -> Int {
            nextID += 1
            starting.insert(nextID)
            return nextID
        }

        /// `true` when the operation was cancelled before it could suspend.
        mutating func arrive(_ id: Int) -> Bool {
            starting.remove(id)
            return cancelledEarly.remove(id) != nil
        }
    }

    private enum SendAction {
        case resume(any Error)
        case handOver(Receiver)
        case done
        case wait
    }

    private enum ReceiveAction {
        case resume(Result<Element?, any Error>)
        case take(Element, Sender?)
        case wait
    }

    public let capacity: Int
    private let state: Mutex<State>

    /// - Parameter capacity: elements held before `send` suspends (at least 1).
    public init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        state = Mutex(State())
    }

    /// Hands `element` over, suspending while the channel is full.
    /// - Throws: `CancellationError`, the error given to `fail(_:)`, or `Finished`.
    public func send(_ element: Element) async throws {
        let id = state.withLock { $0.begin() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let action: SendAction = state.withLock { state in
                    if state.arrive(id) { return .resume(CancellationError()) }
                    if let failure = state.failure { return .resume(failure) }
                    if state.finished { return .resume(Finished()) }
                    if !state.receivers.isEmpty { return .handOver(state.receivers.removeFirst()) }
                    if state.buffer.count < capacity {
                        state.buffer.append(element)
                        return .done
                    }
                    state.senders.append(Sender(id: id, element: element, continuation: continuation))
                    return .wait
                }
                switch action {
                case .resume(let error): continuation.resume(throwing: error)
                case .handOver(let receiver):
                    receiver.continuation.resume(returning: element)
                    continuation.resume()
                case .done: continuation.resume()
                case .wait: break
                }
            }
        } onCancel: {
            let sender: Sender? = state.withLock { state in
                if let index = state.senders.firstIndex(where: { $0.id == id }) {
                    return state.senders.remove(at: index)
                }
                if state.starting.contains(id) { state.cancelledEarly.insert(id) }
                return nil
            }
            sender?.continuation.resume(throwing: CancellationError())
        }
    }

    /// The next element; `nil` once the channel is finished and drained.
    /// - Throws: `CancellationError`, or the error given to `fail(_:)`.
    public func receive() async throws -> Element? {
        let id = state.withLock { $0.begin() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let action: ReceiveAction = state.withLock { state in
                    if state.arrive(id) { return .resume(.failure(CancellationError())) }
                    if let failure = state.failure { return .resume(.failure(failure)) }
                    if let element = state.buffer.popFirst() {
                        guard !state.senders.isEmpty else { return .take(element, nil) }
                        let sender = state.senders.removeFirst()
                        state.buffer.append(sender.element)
                        return .take(element, sender)
                    }
                    if !state.senders.isEmpty {
                        let sender = state.senders.removeFirst()
                        return .take(sender.element, sender)
                    }
                    if state.finished { return .resume(.success(nil)) }
                    state.receivers.append(Receiver(id: id, continuation: continuation))
                    return .wait
                }
                switch action {
                case .resume(let result): continuation.resume(with: result)
                case .take(let element, let sender):
                    sender?.continuation.resume()
                    continuation.resume(returning: element)
                case .wait: break
                }
            }
        } onCancel: {
            let receiver: Receiver? = state.withLock { state in
                if let index = state.receivers.firstIndex(where: { $0.id == id }) {
                    return state.receivers.remove(at: index)
                }
                if state.starting.contains(id) { state.cancelledEarly.insert(id) }
                return nil
            }
            receiver?.continuation.resume(throwing: CancellationError())
        }
    }

    /// No more elements will be sent: receivers get the buffered ones, then `nil`. Later sends throw `Finished`.
    public func finish() {
        let waiting: [Receiver] = state.withLock { state in
            state.finished = true
            guard state.buffer.isEmpty, state.senders.isEmpty else { return [] }
            defer { state.receivers.removeAll() }
            return state.receivers
        }
        for receiver in waiting { receiver.continuation.resume(returning: nil) }
    }

    /// Ends the channel at once: buffered elements are dropped; pending and later sends and receives throw `error`.
    public func fail(_ error: any Error) {
        let (senders, receivers): ([Sender], [Receiver]) = state.withLock { state in
            if state.failure == nil { state.failure = error }
            state.buffer.removeAll()
            defer {
                state.senders.removeAll()
                state.receivers.removeAll()
            }
            return (state.senders, state.receivers)
        }
        for sender in senders { sender.continuation.resume(throwing: error) }
        for receiver in receivers { receiver.continuation.resume(throwing: error) }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: BoundedChannel

        public mutating func next() async throws -> Element? {
            try await channel.receive()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(channel: self)
    }
}
