import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

@testable import Outputs

/// A real HTTP receiver on 127.0.0.1 (Hummingbird, port 0) that stores batches by their `Idempotency-Key`, as a
/// careful ingestion API does, and answers the scripted faults first.
final class Receiver: Sendable {
    enum Fault: Sendable {
        /// Behave normally.
        case pass
        /// Answer with this status (and `Retry-After`, when given) without storing.
        case status(Int, retryAfter: String? = nil, body: String = "")
        /// Close the connection before storing anything: the request is lost.
        case dropBeforeStoring
        /// Store the batch, then close the connection without answering: the answer is lost.
        case dropAfterStoring
    }

    struct Delivery: Sendable {
        var method: String
        var key: String
        var body: [UInt8]
        /// By lowercase name.
        var headers: [String: String]
    }

    private struct State {
        var faults: [Fault] = []
        var requests: [Delivery] = []
        var stored: [Delivery] = []
    }

    private let state = Mutex(State())

    /// Every request that reached a handler, in order (also the failed ones).
    var requests: [Delivery] { state.withLock { $0.requests } }
    /// Each distinct batch once, in the order first stored.
    var stored: [Delivery] { state.withLock { $0.stored } }

    func script(_ faults: [Fault]) {
        state.withLock { $0.faults = faults }
    }

    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        let channel: any Channel

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            channel = source.channel
        }
    }

    /// Starts the receiver, runs `body` with its base URL, stops it.
    func serve<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router(context: Context.self)
        router.post("/ingest") { request, context in try await self.handle(request, context) }
        router.put("/ingest") { request, context in try await self.handle(request, context) }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: Logger(label: "receiver", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let result = try await body("http://127.0.0.1:\(port)/ingest")
            group.cancelAll()
            return result
        }
    }

    private func handle(_ request: Request, _ context: Context) async throws -> Response {
        var buffer = try await request.body.collect(upTo: 64 * 1024 * 1024)
        var bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        if request.headers[.contentEncoding] == "gzip" { bytes = try Gzip.decompress(bytes) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let delivery = Delivery(
            method: request.method.rawValue, key: request.headers[.init("Idempotency-Key")!] ?? "", body: bytes,
            headers: headers)
        let fault: Fault? = state.withLock { state in
            state.requests.append(delivery)
            return state.faults.isEmpty ? nil : state.faults.removeFirst()
        }
        switch fault {
        case .status(let code, let retryAfter, let body):
            var fields = HTTPFields()
            if let retryAfter { fields[.retryAfter] = retryAfter }
            return Response(
                status: .init(code: code), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
        case .dropBeforeStoring:
            try await context.channel.close()
            throw CancellationError()
        case .dropAfterStoring:
            store(delivery)
            try await context.channel.close()
            throw CancellationError()
        case .pass, nil:
            store(delivery)
            return Response(status: .accepted, body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
        }
    }

    private func store(_ delivery: Delivery) {
        state.withLock { state in
            if !state.stored.contains(where: { $0.key == delivery.key }) { state.stored.append(delivery) }
        }
    }
}
