import Synchronization
import Testing

@testable import Outputs

@Suite struct BoundedChannelTests {
    @Test func deliversEveryElementInOrderThenEnds() async throws {
        let channel = BoundedChannel<Int>(capacity: 3)
        async let sent: Void = {
            for number in 1...100 { try await channel.send(number) }
            channel.finish()
        }()
        var received: [Int] = []
        for try await number in channel { received.append(number) }
        try await sent
        #expect(received == Array(1...100))
    }

    @Test func keepsTheProducerWithinCapacityOfTheConsumer() async throws {
        let channel = BoundedChannel<Int>(capacity: 4)
        let started = Atomic<Int>(0)
        async let sent: Void = {
            for number in 1...1000 {
                started.add(1, ordering: .sequentiallyConsistent)
                try await channel.send(number)
            }
            channel.finish()
        }()
        var received = 0
        var furthestAhead = 0
        while let _ = try await channel.receive() {
            received += 1
            // A send that started has at most `capacity` elements ahead of it, plus itself.
            furthestAhead = max(furthestAhead, started.load(ordering: .sequentiallyConsistent) - received)
            await Task.yield()
        }
        try await sent
        #expect(received == 1000)
        #expect(furthestAhead <= 4 + 1)
    }

    @Test func failingReleasesAWaitingSender() async throws {
        struct Stop: Error {}
        let channel = BoundedChannel<Int>(capacity: 1)
        try await channel.send(1)
        let blocked = Task { try await channel.send(2) }
        channel.fail(Stop())
        await #expect(throws: Stop.self) { try await blocked.value }
        await #expect(throws: Stop.self) { try await channel.send(3) }
        await #expect(throws: Stop.self) { _ = try await channel.receive() }
    }

    @Test func sendingAfterFinishThrows() async throws {
        let channel = BoundedChannel<Int>(capacity: 2)
        try await channel.send(1)
        channel.finish()
        await #expect(throws: BoundedChannel<Int>.Finished.self) { try await channel.send(2) }
        #expect(try await channel.receive() == 1)
        #expect(try await channel.receive() == nil)
    }

    @Test func cancellationReleasesAWaitingSenderAndReceiver() async throws {
        let full = BoundedChannel<Int>(capacity: 1)
        try await full.send(1)
        let sender = Task { try await full.send(2) }
        sender.cancel()
        await #expect(throws: CancellationError.self) { try await sender.value }

        let empty = BoundedChannel<Int>(capacity: 1)
        let receiver = Task { try await empty.receive() }
        receiver.cancel()
        await #expect(throws: CancellationError.self) { _ = try await receiver.value }
    }
}
