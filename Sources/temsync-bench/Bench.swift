import ArgumentParser

/// Benchmarks print figures; they never assert. Each benchmark is a subcommand.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "temsync-bench",
        abstract: "temsync benchmarks: run in a release build (swift run -c release temsync-bench …).",
        subcommands: [
            ValidateBenchmark.self, OutputsBenchmark.self, JSONBenchmark.self, EmulatorBenchmark.self,
            GraphClientBenchmark.self, MappingBench.self,
        ]
    )
}
