import ArgumentParser

@main
struct Temsync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temsync",
        abstract: "Sync Microsoft 365 Defender XDR alerts, incidents and their threat indicators, declaratively.",
        subcommands: [
            ValidateCommand.self, PlanCommand.self, RunCommand.self, SchemaCommand.self, EmulatorCommand.self,
            ConnectCommand.self,
        ]
    )
}
