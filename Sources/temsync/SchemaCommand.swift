import ArgumentParser
import JobSpec

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of job files, for editors (yaml-language-server) and CI.",
        discussion: """
            Save it and point your editor at it, e.g. with a first line in each job file:
              # yaml-language-server: $schema=./temsync.schema.json
            """
    )

    func run() throws {
        print(JSONSchemaWriter.jobFileSchemaText(), terminator: "")
    }
}
