import Foundation
import TemsyncTesting
import Testing

@testable import Transport

@Suite struct TLSTrustTests {
    @Test func missingCAFileIsReportedBeforeAnyRequest() {
        #expect(
            throws: TransportConfigurationError("cannot read tls.ca_file '/nonexistent/corp-root.pem': no such file")
        ) {
            try TLSTrust(caFile: "/nonexistent/corp-root.pem").loadAdditionalRoots()
        }
    }

    @Test func aFileWithoutCertificatesIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("not a certificate\n", to: "bad.pem")
        #expect(
            throws: TransportConfigurationError(
                "tls.ca_file '\(path)' is not a PEM bundle of certificates (expected -----BEGIN CERTIFICATE----- blocks)"
            )
        ) { try TLSTrust(caFile: path).loadAdditionalRoots() }
    }

    @Test func aGeneratedCAIsLoadedOnTopOfTheSystemRoots() throws {
        let authority = try ThrowawayCA()
        defer { authority.remove() }
        let trust = TLSTrust(caFile: authority.caCertificatePath)
        #expect(try trust.loadAdditionalRoots().count == 1)
        let configuration = try trust.makeTLSConfiguration()
        #expect(configuration.certificateVerification == .fullVerification)
        #expect(configuration.trustRoots == nil || configuration.trustRoots == .default)
        #expect(configuration.additionalTrustRoots.count == 1)
    }
}
