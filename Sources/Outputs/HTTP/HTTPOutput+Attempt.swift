import AsyncHTTPClient
import Foundation
import JSON
import Logging
import NIOCore
import Transport

extension HTTPOutput {
    /// One batch's request under the retry policy, outside the actor (the request and its retries share no state
    /// with it).
    struct Attempt: Sendable {
        struct Outcome {
            var status: Int
            var retries: Int
        }

        /// The batch could not be delivered; `message` is safe to show.
        struct Failed: Error {
            var message: String
            var status: Int?
            var retries: Int
        }

        let client: HTTPClient
        let request: HTTPClientRequest
        let timeout: Duration
        let method: String
        let url: String
        let secrets: [String]
        let logger: Logger

        func run(policy: RetryPolicy, runtime: RetryRuntime) async throws -> Outcome {
            var retries = 0
            do {
                let status = try await policy.execute(
                    runtime: runtime,
                    onRetry: { event in
                        retries += 1
                        logger.warning(
                            "retrying a batch",
                            metadata: [
                                "http.attempt": "\(event.failedAttempt)", "retry.delay": "\(event.delay)",
                                "error": "\(event.error)",
                            ])
                    }
                ) { _ in try await once() }
                return Outcome(status: status, retries: retries)
            } catch let error as HTTPDeliveryError {
                throw Failed(message: error.description, status: error.status, retries: retries)
            } catch let error as RetriesExhausted {
                throw Failed(
                    message: error.description, status: (error.lastError as? HTTPDeliveryError)?.status,
                    retries: retries)
            }
        }

        private func once() async throws -> Int {
            let response: HTTPClientResponse
            do {
                let nanoseconds =
                    timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
                response = try await client.execute(request, timeout: .nanoseconds(nanoseconds), logger: logger)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw HTTPDeliveryError.transport(error, method: method, url: url)
            }
            let code = Int(response.status.code)
            let body = try? await Self.collect(response.body, limit: HTTPOutput.errorBodyLimit)
            if (200..<300).contains(code) { return code }
            let retryAfter = RetryAfter.parse(response.headers.first(name: "Retry-After"))
            throw HTTPDeliveryError(
                method: method, url: url,
                reason: .status(
                    code: code, reason: response.status.reasonPhrase,
                    message: body.flatMap { scrub(Self.message(from: $0)) }, retryAfter: retryAfter))
        }

        /// Reads at most `limit` bytes of a body and drops the rest.
        private static func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
            var bytes: [UInt8] = []
            for try await var chunk in body where bytes.count < limit {
                let take = min(chunk.readableBytes, limit - bytes.count)
                bytes.append(contentsOf: chunk.readBytes(length: take) ?? [])
            }
            return bytes
        }

        /// The receiver's explanation: a JSON error's message when there is one, else the text; one line, at most 300
        /// characters.
        static func message(from body: [UInt8]) -> String? {
            var text = String(decoding: body, as: UTF8.self)
            if let json = try? JSON(parsing: body) {
                let candidates: [JSON?] = [
                    json["error"]?["message"], json["error"]?["description"], json["message"], json["error"],
                    json["detail"], json["title"], json["errors"]?[0]?["message"],
                ]
                if let found = candidates.lazy.compactMap({ $0?.stringValue }).first { text = found }
            }
            let line = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }
                .joined().trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            return line.count > 300 ? String(line.prefix(300)) + "…" : line
        }

        /// `text` with every secret replaced by `<redacted>` (longest first, so a prefixed value goes whole).
        func scrub(_ text: String?) -> String? {
            guard var text else { return nil }
            for secret in secrets.sorted(by: { $0.count > $1.count }) {
                text = text.replacingOccurrences(of: secret, with: "<redacted>")
            }
            return text
        }
    }
}
