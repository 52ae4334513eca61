import Foundation
import NIOSSL

/// Which servers are trusted: always the system's roots, plus the roots of `tls.ca_file` (a PEM bundle) when given —
/// e.g. the root of a TLS-inspecting proxy. Certificate verification (chain and host name) is never switched off.
public struct TLSTrust: Sendable, Hashable {
    /// The PEM bundle's path as the job gave it (resolved against the working directory).
    public var caFile: String?

    public init(caFile: String? = nil) {
        self.caFile = caFile
    }

    /// The system's roots only.
    public static let system = TLSTrust()

    /// The extra roots, read and checked now so a bad file is reported before any request.
    public func loadAdditionalRoots() throws(TransportConfigurationError) -> [NIOSSLCertificate] {
        guard let caFile else { return [] }
        let path = URL(fileURLWithPath: caFile).standardizedFileURL.path
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason: String
            if !FileManager.default.fileExists(atPath: path) {
                reason = "no such file"
            } else if !FileManager.default.isReadableFile(atPath: path) {
                reason = "permission denied"
            } else {
                reason = "it cannot be read"
            }
            throw .init("cannot read tls.ca_file '\(caFile)': \(reason)")
        }
        let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes)
        guard let certificates, !certificates.isEmpty else {
            throw .init(
                "tls.ca_file '\(caFile)' is not a PEM bundle of certificates (expected -----BEGIN CERTIFICATE----- blocks)"
            )
        }
        return certificates
    }

    /// A client TLS configuration: full verification against the system's roots plus the extra ones.
    public func makeTLSConfiguration() throws(TransportConfigurationError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        let extra = try loadAdditionalRoots()
        if !extra.isEmpty {
            configuration.additionalTrustRoots = [.certificates(extra)]
        }
        return configuration
    }
}
