import JobSpec
import Mapping
import Outputs
import Transport

/// JobSpec's bound outputs → the Outputs module's definitions. Secret header values are resolved by the caller
/// (`resolve`); the plan uses a placeholder that is never sent or printed.
enum OutputTranslation {
    static func definition(
        _ spec: OutputSpec, columns: [String], retry: RetryPolicy,
        resolve: (SecretReference) throws -> Secret
    ) rethrows -> OutputDefinition {
        let configuration: OutputDefinition.Configuration
        switch spec.kind {
        case .stdout:
            configuration = .stdout
        case .file(let file):
            configuration = .file(
                FileOutputOptions(
                    path: file.path.value, format: FileOutputOptions.Format(rawValue: file.format.rawValue),
                    mode: FileOutputOptions.Mode(rawValue: file.mode.rawValue) ?? .replace,
                    runMarker: file.runMarker, columns: file.columns ?? columns))
        case .edl(let edl):
            configuration = .edl(
                EDLOptions(
                    directory: edl.dir.value, layout: edl.layout == .combined ? .combined : .perType,
                    types: edl.types.compactMap { Indicator.Kind(rawValue: $0.rawValue) },
                    maxEntries: edl.maxEntries, expireAfter: edl.expireAfter,
                    domainWildcards: edl.domainWildcards))
        case .stix(let stix):
            configuration = .stix(STIXOptions(path: stix.path.value, identity: stix.identity, validFor: stix.validFor))
        case .http(let http):
            var headers: [HTTPOutputOptions.Header] = []
            for header in http.headers {
                switch header.value {
                case .text(let text):
                    headers.append(.init(name: header.name.value, value: .plain(text)))
                case .secret(let reference):
                    var bare = reference
                    bare.prefix = nil
                    headers.append(
                        .init(
                            name: header.name.value, value: .secret(try resolve(bare), prefix: reference.prefix ?? "")))
                }
            }
            configuration = .http(
                HTTPOutputOptions(
                    url: http.url.value, method: http.method == .put ? .put : .post, headers: headers,
                    batchSize: http.batchSize, gzip: http.gzip, timeout: http.timeout, retry: retry))
        }
        return OutputDefinition(name: spec.name.value, configuration: configuration)
    }

    /// The secret references of an http output's headers.
    static func secretHeaders(_ spec: OutputSpec) -> [(name: String, source: SecretSource)] {
        guard case .http(let http) = spec.kind else { return [] }
        return http.headers.compactMap { header in
            guard case .secret(let reference) = header.value else { return nil }
            return (header.name.value, .reference(reference))
        }
    }
}
