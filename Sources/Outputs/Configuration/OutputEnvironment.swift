import AsyncHTTPClient
import Transport

/// What outputs borrow from the run: the HTTP client (one per run, owned and shut down by the runner), the standard
/// output every job shares, and the retry loop's clock.
public struct OutputEnvironment: Sendable {
    public var httpClient: HTTPClient?
    public var standardOutput: any ByteSink
    public var retryRuntime: RetryRuntime

    public init(
        httpClient: HTTPClient? = nil, standardOutput: any ByteSink = StandardOutputSink.shared,
        retryRuntime: RetryRuntime = .live
    ) {
        self.httpClient = httpClient
        self.standardOutput = standardOutput
        self.retryRuntime = retryRuntime
    }
}

extension OutputDefinition {
    /// The output this spec describes.
    /// - Throws: `OutputError` (`configuration`) listing every problem, or when an `http` output has no client.
    public func makeOutput(context: OutputContext, environment: OutputEnvironment) throws -> any Output {
        if !problems.isEmpty {
            throw OutputError(.configuration, problems.joined(separator: "; "))
        }
        switch configuration {
        case .stdout:
            return StdoutOutput(name: name, sink: environment.standardOutput)
        case .file(let options):
            return FileOutput(name: name, options: options, context: context)
        case .edl(let options):
            return EDLOutput(name: name, options: options, context: context)
        case .stix(let options):
            return STIXOutput(name: name, options: options, context: context)
        case .http(let options):
            guard let client = environment.httpClient else {
                throw OutputError(.configuration, output: name, "an http output needs the run's HTTP client")
            }
            return HTTPOutput(
                name: name, options: options, context: context, client: client, runtime: environment.retryRuntime)
        }
    }

    /// The dry-run stand-in: writes nothing, reports the first `limit` entries the output would receive.
    public func makePreview(limit: Int) -> any Output {
        OutputPreview(spec: self, limit: limit)
    }
}
