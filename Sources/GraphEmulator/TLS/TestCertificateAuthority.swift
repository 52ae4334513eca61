import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority and a server certificate it signed for `127.0.0.1` and `localhost`, written
/// as PEM files, so a test (or `temsync emulator --tls-dir`) serves real HTTPS that a client trusts through a CA
/// file. Made in-process with swift-certificates (ECDSA P-256): no openssl binary, no shell, same on every machine.
public struct TestCertificateAuthority: Sendable {
    /// The CA certificate (give it to clients as `ca_file`).
    public let caCertificatePath: String
    /// The server certificate (leaf) and its private key.
    public let serverCertificatePath: String
    public let serverKeyPath: String

    /// The files to give `EmulatorConfiguration.tls`.
    public var serverFiles: TLSFiles {
        TLSFiles(certificateChainPath: serverCertificatePath, privateKeyPath: serverKeyPath)
    }

    /// Writes `ca.pem`, `server.pem` and `server-key.pem` into `directory` (created when missing). The server
    /// certificate names `IP:127.0.0.1`, `DNS:localhost` and any `extraHosts` (IP addresses or DNS names).
    public static func issue(
        into directory: String, commonName: String = "temsync test CA", extraHosts: [String] = [],
        validity: TimeInterval = 7 * 86_400, now: Date = Date()
    ) throws -> TestCertificateAuthority {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("temsync")
            CommonName(commonName)
        }
        let notBefore = now.addingTimeInterval(-300)
        let notAfter = now.addingTimeInterval(validity)
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            },
            issuerPrivateKey: .init(caKey))

        let serverKey = P256.Signing.PrivateKey()
        var names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
        for host in extraHosts {
            if let octets = ipv4Octets(host) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets))))
            } else {
                names.append(.dnsName(host))
            }
        }
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: caName,
            subject: try DistinguishedName {
                OrganizationName("temsync")
                CommonName("localhost")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: .init(caKey.publicKey)).keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))

        let folder = URL(fileURLWithPath: directory)
        let authority = TestCertificateAuthority(
            caCertificatePath: folder.appendingPathComponent("ca.pem").path,
            serverCertificatePath: folder.appendingPathComponent("server.pem").path,
            serverKeyPath: folder.appendingPathComponent("server-key.pem").path)
        try write(try ca.serializeAsPEM().pemString + "\n", to: authority.caCertificatePath, mode: 0o644)
        try write(try server.serializeAsPEM().pemString + "\n", to: authority.serverCertificatePath, mode: 0o644)
        try write(serverKey.pemRepresentation + "\n", to: authority.serverKeyPath, mode: 0o600)
        return authority
    }

    private static func write(_ text: String, to path: String, mode: Int) throws {
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    private static func ipv4Octets(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".")
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { UInt8($0) }
        return octets.count == 4 ? octets : nil
    }
}
