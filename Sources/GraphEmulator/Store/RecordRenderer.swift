/// A record to serve: generated on demand, or stored; an incident may carry its alerts (`$expand=alerts`).
indirect enum RecordBody: Sendable {
    case generatedAlert(Int)
    case generatedIncident(Int)
    case stored(StoredDocument)
    case withAlerts(RecordBody, [RecordBody])
}

/// Writes records as JSON text, outside the store's actor (so pages are written concurrently).
struct RecordRenderer: Sendable {
    let generator: DataGenerator?

    func render(_ body: RecordBody, includeUnknown: Bool) -> [UInt8] {
        var writer = JSONStreamWriter(capacity: 4096)
        write(body, to: &writer, includeUnknown: includeUnknown)
        return writer.bytes
    }

    func write(_ body: RecordBody, to writer: inout JSONStreamWriter, includeUnknown: Bool) {
        switch body {
        case .generatedAlert(let index):
            generator?.writeAlert(index, to: &writer, includeUnknown: includeUnknown)
        case .generatedIncident(let index):
            writer.object { writer in
                generator?.writeIncidentMembers(index, to: &writer, includeUnknown: includeUnknown)
            }
        case .stored(let document):
            writer.raw(document.bytes(includeUnknown: includeUnknown))
        case .withAlerts(let own, let alerts):
            switch own {
            case .generatedIncident(let index):
                writer.object { writer in
                    generator?.writeIncidentMembers(index, to: &writer, includeUnknown: includeUnknown)
                    writer.key("alerts")
                    writer.array { writer in
                        for alert in alerts { write(alert, to: &writer, includeUnknown: includeUnknown) }
                    }
                }
            case .stored(let document):
                // The stored object without its closing brace, then the alerts as its last member.
                var bytes = document.bytes(includeUnknown: includeUnknown)
                bytes.removeLast()
                var inner = JSONStreamWriter(capacity: 4096)
                inner.array { writer in
                    for alert in alerts { write(alert, to: &writer, includeUnknown: includeUnknown) }
                }
                let isEmptyObject = bytes.last == UInt8(ascii: "{")
                bytes.append(contentsOf: (isEmptyObject ? "\"alerts\":" : ",\"alerts\":").utf8)
                bytes.append(contentsOf: inner.bytes)
                bytes.append(UInt8(ascii: "}"))
                writer.raw(bytes)
            default:
                write(own, to: &writer, includeUnknown: includeUnknown)
            }
        }
    }
}
