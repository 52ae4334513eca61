import Testing
import Transport

@testable import GraphSecurity

@Suite struct EntraErrorTests {
    let context = EntraErrorContext(
        tenantID: "11111111-2222-3333-4444-555555555555", clientID: "66666666-7777-8888-9999-000000000000",
        cloud: .global, scope: "https://graph.microsoft.com/.default", customEndpoints: false)

    func error(_ code: String, _ codes: [Int], status: Int = 400, context: EntraErrorContext? = nil) -> EntraError {
        EntraError(
            httpStatus: status, error: code, errorCodes: codes, traceID: "trace-1", correlationID: "corr-1",
            tokenURL: "https://login.microsoftonline.com/t/oauth2/v2.0/token", context: context ?? self.context)
    }

    @Test func anInvalidSecretSaysToUseTheValueNotTheID() {
        #expect(
            error("invalid_client", [7_000_215]).description
                == "token request failed: AADSTS7000215 (invalid_client): the client secret is not valid; use the "
                + "secret's Value (shown once, when the secret was created under Certificates & secrets), not its "
                + "Secret ID, and check that client_secret refers to a current secret of app "
                + "'66666666-7777-8888-9999-000000000000' [trace ID trace-1, correlation ID corr-1]")
    }

    @Test func anUnknownTenantSuggestsAnotherCloud() {
        #expect(
            error("invalid_request", [90_002]).explanation
                == EntraExplanation(
                    problem: "tenant '11111111-2222-3333-4444-555555555555' was not found in cloud 'global'",
                    fix:
                        "check tenant_id; if it is a US Government tenant, set cloud: usgov (GCC High) or usgov_dod (DoD)"
                ))
        var usgov = context
        usgov.cloud = .usgov
        #expect(
            error("invalid_request", [90_002], context: usgov).explanation.fix
                == "check tenant_id; if it is a commercial tenant, set cloud: global")
    }

    @Test(arguments: [
        (
            "invalid_client", [7_000_222],
            "the client secret of app '66666666-7777-8888-9999-000000000000' has expired"
        ),
        (
            "unauthorized_client", [700_016],
            "application '66666666-7777-8888-9999-000000000000' was not found in tenant '11111111-2222-3333-4444-555555555555'"
        ),
        ("invalid_scope", [70_011], "the scope 'https://graph.microsoft.com/.default' was refused"),
        ("unsupported_grant_type", [], "the identity platform refused the client-credentials grant"),
        ("invalid_request", [900_144], "the token request lacked a required parameter"),
        ("invalid_request", [], "the identity platform found the token request invalid"),
        (
            "invalid_request", [90_038],
            "tenant '11111111-2222-3333-4444-555555555555' belongs to a different national cloud than 'global'"
        ),
        ("something_new", [], "the identity platform refused the token request ('something_new')"),
    ])
    func everyErrorHasAnExplanation(code: String, codes: [Int], problem: String) {
        let failure = error(code, codes)
        #expect(failure.explanation.problem == problem)
        #expect(!failure.explanation.fix.isEmpty)
        #expect(failure.retryDisposition(under: RetryPolicy()) == .fail)
    }

    @Test func transientErrorsAreRetried() {
        #expect(error("temporarily_unavailable", [90_024]).retryDisposition(under: RetryPolicy()) == .retry(after: nil))
        #expect(error("", [], status: 503).retryDisposition(under: RetryPolicy()) == .retry(after: nil))
        #expect(
            error("", [], status: 503).description.hasPrefix(
                "token request failed: HTTP 503: the identity platform answered 503"))
    }
}
