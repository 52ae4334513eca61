extension EntraError {
    /// Entra's error codes (GRAPH.md §9), most specific first: the first known AADSTS code decides, then `error`.
    static func explain(error: String, codes: [Int], httpStatus: Int, context: EntraErrorContext) -> EntraExplanation {
        for code in codes {
            if let explanation = explain(code: code, context: context) { return explanation }
        }
        if let explanation = explain(error: error, context: context) { return explanation }
        if httpStatus == 429 {
            return EntraExplanation(
                problem: "the identity platform is throttling token requests",
                fix: "temsync waits and retries; reduce how often jobs run if this persists", isTransient: true)
        }
        if httpStatus >= 500 {
            return EntraExplanation(
                problem: "the identity platform answered \(httpStatus)",
                fix: "temsync retries; if it persists, check the Microsoft 365 / Azure status page", isTransient: true)
        }
        let what = error.isEmpty ? "HTTP \(httpStatus) without an Entra error" : "'\(error)'"
        return EntraExplanation(
            problem: "the identity platform refused the token request (\(what))",
            fix:
                "check tenant_id, client_id and client_secret; the trace ID identifies the request for Microsoft support"
        )
    }

    private static func explain(code: Int, context: EntraErrorContext) -> EntraExplanation? {
        let tenant = context.tenantID
        let client = context.clientID
        let cloud = context.cloud.rawValue
        switch code {
        case 7_000_215:
            return EntraExplanation(
                problem: "the client secret is not valid",
                fix: "use the secret's Value (shown once, when the secret was created under Certificates & secrets), "
                    + "not its Secret ID, and check that client_secret refers to a current secret of app '\(client)'")
        case 7_000_222:
            return EntraExplanation(
                problem: "the client secret of app '\(client)' has expired",
                fix: "create a new client secret under Certificates & secrets and update the value client_secret "
                    + "refers to")
        case 7_000_218, 900_144:
            return EntraExplanation(
                problem: "the token request lacked a required parameter",
                fix: "check that client_secret resolves to a non-empty value")
        case 700_016:
            return EntraExplanation(
                problem: "application '\(client)' was not found in tenant '\(tenant)'",
                fix: "check client_id (the Application (client) ID on the app's Overview page) and tenant_id (the "
                    + "Directory (tenant) ID); the app must be registered in, or consented to by, this tenant")
        case 7_000_112:
            return EntraExplanation(
                problem: "application '\(client)' is disabled in tenant '\(tenant)'",
                fix: "enable it (Enterprise applications → the app → Properties → Enabled for users to sign-in)")
        case 90_002:
            let hint =
                context.customEndpoints
                ? "check tenant_id and the endpoints override"
                : context.cloud == .global
                    ? "check tenant_id; if it is a US Government tenant, set cloud: usgov (GCC High) or usgov_dod (DoD)"
                    : "check tenant_id; if it is a commercial tenant, set cloud: global"
            return EntraExplanation(problem: "tenant '\(tenant)' was not found in cloud '\(cloud)'", fix: hint)
        case 90_038:
            return EntraExplanation(
                problem: "tenant '\(tenant)' belongs to a different national cloud than '\(cloud)'",
                fix: "set cloud to the tenant's cloud (global, usgov or usgov_dod)")
        case 900_023:
            return EntraExplanation(
                problem: "tenant_id '\(tenant)' is not a valid tenant ID or domain name",
                fix: "use the Directory (tenant) ID, a GUID shown on the app's Overview page")
        case 70_011, 700_022, 700_023:
            return EntraExplanation(
                problem: "the scope '\(context.scope)' was refused",
                fix: "the scope must be the cloud's Graph root + /.default; check cloud and the endpoints override")
        case 500_011:
            return EntraExplanation(
                problem: "Microsoft Graph ('\(context.scope)') is not known in tenant '\(tenant)'",
                fix: "check cloud: the tenant may live in another national cloud")
        case 65_001:
            return EntraExplanation(
                problem: "app '\(client)' has not been granted consent in tenant '\(tenant)'",
                fix: "grant admin consent (API permissions → Grant admin consent for the tenant)")
        case 9_002_313:
            return EntraExplanation(
                problem: "the identity platform found the token request malformed",
                fix: "check tenant_id and client_id for stray characters")
        case 90_024, 90_006, 90_033, 90_090:
            return EntraExplanation(
                problem: "the identity platform had a transient error (AADSTS\(code))",
                fix: "temsync retries; if it persists, check the Microsoft 365 / Azure status page", isTransient: true)
        case 90_055:
            return EntraExplanation(
                problem: "the identity platform is throttling requests for tenant '\(tenant)'",
                fix: "temsync waits and retries; reduce how often jobs run if this persists", isTransient: true)
        default:
            return nil
        }
    }

    private static func explain(error: String, context: EntraErrorContext) -> EntraExplanation? {
        switch error {
        case "invalid_client":
            return EntraExplanation(
                problem: "the client credentials were refused",
                fix: "check client_id and client_secret (the secret's Value, not its Secret ID)")
        case "unauthorized_client":
            return EntraExplanation(
                problem: "application '\(context.clientID)' may not obtain tokens in tenant '\(context.tenantID)'",
                fix: "check client_id and tenant_id, and that the app is enabled in the tenant")
        case "invalid_scope":
            return EntraExplanation(
                problem: "the scope '\(context.scope)' was refused",
                fix: "the scope must be the cloud's Graph root + /.default; check cloud and the endpoints override")
        case "invalid_resource":
            return EntraExplanation(
                problem: "the resource '\(context.scope)' is not known to the identity platform",
                fix: "check cloud and the endpoints override")
        case "unsupported_grant_type":
            return EntraExplanation(
                problem: "the identity platform refused the client-credentials grant",
                fix: "check the endpoints override: the login endpoint must be an Entra (v2.0) token endpoint")
        case "invalid_grant":
            return EntraExplanation(
                problem: "the identity platform refused the grant",
                fix: "check that the app's credentials are current and that admin consent was granted")
        case "invalid_request":
            return EntraExplanation(
                problem: "the identity platform found the token request invalid",
                fix: "check tenant_id and client_id")
        case "interaction_required", "consent_required":
            return EntraExplanation(
                problem: "the identity platform requires consent for app '\(context.clientID)'",
                fix: "grant admin consent (API permissions → Grant admin consent for the tenant)")
        case "temporarily_unavailable":
            return EntraExplanation(
                problem: "the identity platform is temporarily unavailable",
                fix: "temsync retries; if it persists, check the Microsoft 365 / Azure status page", isTransient: true)
        default:
            return nil
        }
    }
}
