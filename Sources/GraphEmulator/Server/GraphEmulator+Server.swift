import Foundation
import HTTPTypes
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL

extension GraphEmulator {
    struct RunningServer: Sendable {
        /// Runs the server until the task is cancelled.
        let run: @Sendable () async throws -> Void
        /// Yields once when the port is bound.
        let bound: AsyncStream<Int>
    }

    /// Builds the HTTP(S) server on HummingbirdCore's HTTP/1.1 channel, answering through `EmulatorHandler`.
    func makeServer(logger: Logger) throws -> RunningServer {
        let services = EmulatorServices(
            configuration: configuration, issuer: AccessTokenIssuer(), store: store, faults: faults, journal: journal,
            sink: sink, address: address)
        let handler = EmulatorHandler(services: services)
        var builder = HTTPServerBuilder.http1()
        if let tls = configuration.tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath)
                let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
                let tlsConfiguration = TLSConfiguration.makeServerConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
                builder = try HTTPServerBuilder.tls(.http1(), tlsConfiguration: tlsConfiguration)
            } catch {
                throw EmulatorError.tls("\(error)")
            }
        }
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        let address = self.address
        let journal = self.journal
        let server = try builder.buildServer(
            configuration: ServerConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { request, writer, _ in
                try await Self.serve(
                    request, writer: writer, handler: handler, journal: journal, address: address, logger: logger)
            },
            onServerRunning: { channel in
                address.port = channel.localAddress?.port ?? 0
                continuation.yield(address.port)
                continuation.finish()
            })
        return RunningServer(
            run: {
                // However the server ends (stopped, or failed to bind), nobody waits for the port any longer.
                defer { continuation.finish() }
                try await server.run()
            }, bound: bound)
    }

    private static func serve(
        _ request: Request, writer: consuming ResponseWriter, handler: EmulatorHandler, journal: RequestJournal,
        address: ServerAddress, logger: Logger
    ) async throws {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        // HTTP/1.1's Host header arrives as the request's authority; the journal and handlers see it as a header.
        let headers =
            (request.head.authority.map { [(name: "Host", value: $0)] } ?? [])
            + request.headers.map { (name: $0.name.rawName, value: $0.value) }
        let sentID = headers.first { $0.name.lowercased() == "client-request-id" }?.value
        let path = request.uri.path
        let emulatorRequest = EmulatorRequest(
            method: request.method.rawValue, path: path, query: request.uri.query, headers: headers,
            body: Array(buffer: body), requestID: UUID().uuidString.lowercased(),
            clientRequestID: sentID ?? UUID().uuidString.lowercased(), clientSentRequestID: sentID != nil,
            received: Date())
        let (response, route, actions) = await handler.respond(to: emulatorRequest)
        await journal.record(
            JournalEntry(
                sequence: 0, received: emulatorRequest.received, route: route, method: emulatorRequest.method,
                url: address.root + (request.head.path ?? path), path: path, query: emulatorRequest.query,
                headers: headers.map { JournalEntry.Header(name: $0.name, value: $0.value) },
                body: emulatorRequest.body,
                status: response.delivery == .dropConnection ? nil : response.status,
                requestID: emulatorRequest.requestID, clientRequestID: sentID, faults: actions.map { "\($0)" }))
        logger.debug(
            "request",
            metadata: [
                "http.method": "\(emulatorRequest.method)", "http.path": "\(path)", "http.status": "\(response.status)",
            ])

        if let delay = response.delay { try await Task.sleep(for: delay) }
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        fields.append(HTTPField(name: .date, value: RetryAfter.httpDate(emulatorRequest.received).headerValue))
        fields.append(HTTPField(name: .contentLength, value: String(response.body.readableBytes)))
        let head = HTTPResponse(status: .init(code: response.status), headerFields: fields)
        switch response.delivery {
        case .complete:
            try await writer.write(response: head, body: ResponseBody(byteBuffer: response.body))
        case .cutAfter(let count):
            var bodyWriter = try await writer.writeHead(head)
            try await bodyWriter.write(response.body.getSlice(at: 0, length: count) ?? ByteBuffer())
            // Let the partial body reach the socket before the connection is torn down.
            try await Task.sleep(for: .milliseconds(50))
            throw ConnectionCut()
        case .dropConnection:
            throw ConnectionCut()
        }
    }

    /// Thrown to make HummingbirdCore close the connection (a fault).
    struct ConnectionCut: Error {}
}
