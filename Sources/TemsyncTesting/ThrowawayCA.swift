import Foundation

/// A throwaway certificate authority made with the `openssl` command line, and a server certificate it signed for
/// `127.0.0.1` and `localhost` (both in subjectAltName). Files live in `directory`.
public struct ThrowawayCA: Sendable {
    public let directory: TemporaryDirectory
    /// The CA certificate (PEM): what `tls.ca_file` points at.
    public let caCertificatePath: String
    /// The server certificate (PEM) and its key.
    public let serverCertificatePath: String
    public let serverKeyPath: String

    public init(commonName: String = "temsync test CA") throws {
        let openssl = ChildProcess.locate(["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"])
        guard let openssl else { throw ProcessFailure("openssl is not installed (scripts/bootstrap installs it)") }
        directory = try TemporaryDirectory(prefix: "temsync-ca")
        caCertificatePath = directory.file("ca.pem")
        serverCertificatePath = directory.file("server.pem")
        serverKeyPath = directory.file("server.key")
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try ChildProcess.run(
            openssl,
            ["req", "-x509"] + curve + [
                "-keyout", directory.file("ca.key"), "-out", caCertificatePath, "-days", "2", "-subj",
                "/CN=\(commonName)", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ])
        try ChildProcess.run(
            openssl,
            ["req"] + curve + [
                "-keyout", serverKeyPath, "-out", directory.file("server.csr"), "-subj", "/CN=localhost",
            ])
        let extensions = try directory.write(
            """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth

            """, to: "server.ext")
        try ChildProcess.run(
            openssl,
            [
                "x509", "-req", "-in", directory.file("server.csr"), "-CA", caCertificatePath, "-CAkey",
                directory.file("ca.key"), "-CAcreateserial", "-out", serverCertificatePath, "-days", "2", "-extfile",
                extensions,
            ])
    }

    public func remove() { directory.remove() }
}
