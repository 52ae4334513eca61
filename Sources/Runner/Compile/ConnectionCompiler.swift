import Diagnostics
import GraphSecurity
import JobSpec
import Transport

/// A connection (inline or named) → `ConnectionPlan`: the cloud's or the overridden endpoints, the proxy checked, the
/// secrets as references. Shared by the job compiler and `temsync connect` (which also checks named connections no job
/// uses). Touches no network and reads no secret.
enum ConnectionCompiler {
    static func compile(_ connection: ConnectionSpec, diagnostics: inout [Diagnostic]) -> ConnectionPlan? {
        let cloud = GraphCloud(rawValue: connection.cloud.rawValue) ?? .global
        let endpoints: GraphEndpoints
        do {
            if let override = connection.endpoints {
                endpoints = try GraphEndpoints(login: override.login.value, graph: override.graph.value)
            } else {
                endpoints = try GraphEndpoints(cloud: cloud)
            }
        } catch {
            let override = connection.endpoints
            let key = error.description.hasPrefix("endpoints.graph") ? override?.graph : override?.login
            diagnostics.append(.error(error.description, at: key?.location ?? connection.location))
            return nil
        }
        var proxy: ConnectionPlan.ProxyPlan?
        if let spec = connection.proxy {
            do {
                _ = try ProxyConfiguration(
                    url: spec.url.value, username: spec.username?.value, password: nil,
                    noProxy: spec.noProxy.map(\.value))
            } catch {
                diagnostics.append(.error(error.description, at: spec.url.location))
                return nil
            }
            proxy = .init(
                url: spec.url.value, username: spec.username?.value,
                password: spec.password.map(SecretSource.reference),
                noProxy: spec.noProxy.map(\.value))
        }
        return ConnectionPlan(
            name: connection.name?.value, cloud: cloud, endpoints: endpoints, tenantID: connection.tenantID.value,
            clientID: connection.clientID.value, clientSecret: .reference(connection.clientSecret), proxy: proxy,
            caFile: connection.caFile?.value,
            timeouts: HTTPTimeouts(connect: connection.connectTimeout, request: connection.requestTimeout),
            location: connection.location)
    }
}
