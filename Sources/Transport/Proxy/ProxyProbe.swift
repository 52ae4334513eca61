import Foundation
import NIOCore
import NIOPosix

/// Asks the proxy directly for a tunnel, to learn the status it refuses one with — AsyncHTTPClient reports only
/// "invalid proxy response". Used on the error path, to tell a refused password (tinyproxy answers 401) from a
/// forbidden target (403) or an unreachable one (502).
enum ProxyProbe {
    /// The proxy's status line for `CONNECT target`, e.g. `401 Unauthorized`; `nil` when it could not be learnt.
    static func connectStatus(
        proxy: ProxyConfiguration, target: String, timeout: Duration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async -> (code: Int, line: String)? {
        do {
            return try await withThrowingTaskGroup(of: (code: Int, line: String)?.self) { group in
                group.addTask {
                    try await ask(proxy: proxy, target: target, eventLoopGroup: eventLoopGroup)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            return nil
        }
    }

    private static func ask(
        proxy: ProxyConfiguration, target: String, eventLoopGroup: any EventLoopGroup
    )
        async throws -> (code: Int, line: String)?
    {
        let channel = try await ClientBootstrap(group: eventLoopGroup).connect(host: proxy.host, port: proxy.port) {
            channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        return try await channel.executeThenClose { inbound, outbound in
            var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
            if let user = proxy.username {
                let credentials = Data("\(user):\(proxy.password?.reveal() ?? "")".utf8).base64EncodedString()
                request += "Proxy-Authorization: Basic \(credentials)\r\n"
            }
            request += "\r\n"
            try await outbound.write(ByteBuffer(string: request))
            var received = ""
            for try await var chunk in inbound {
                received += chunk.readString(length: chunk.readableBytes) ?? ""
                if let end = received.range(of: "\r\n") {
                    let statusLine = received[..<end.lowerBound]
                    let parts = statusLine.split(separator: " ", maxSplits: 2)
                    guard parts.count >= 2, let code = Int(parts[1]) else { return nil }
                    return (code, parts.dropFirst().joined(separator: " "))
                }
                if received.utf8.count > 4096 { return nil }
            }
            return nil
        }
    }
}
