import Foundation
import TemsyncTesting

extension EmulatedWorkspace {
    /// Runs the built `temsync` in the workspace's folder, the client secret in its environment.
    func temsync(_ arguments: [String], environment: [String: String] = [:]) async throws -> TemsyncProcess.Result {
        try await RunningTemsync.run(
            arguments, in: folder.path, environment: self.environment.merging(environment) { _, new in new })
    }

    /// Starts the built `temsync` in the workspace's folder without waiting for it.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningTemsync {
        try RunningTemsync(
            arguments, in: folder.path, environment: self.environment.merging(environment) { _, new in new })
    }
}
