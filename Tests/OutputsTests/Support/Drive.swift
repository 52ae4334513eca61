import Mapping
import Outputs

/// Runs an output through its whole life: open, one write per batch, commit.
func deliver(_ output: any Output, _ batches: [[Record]]) async throws {
    try await output.open()
    for batch in batches { try await output.write(batch) }
    try await output.commit()
}

/// One batch per record.
func deliver(_ output: any Output, records: [Record]) async throws {
    try await deliver(output, records.map { [$0] })
}
