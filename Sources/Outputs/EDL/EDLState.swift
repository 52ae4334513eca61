import Foundation
import JSON
import Mapping

/// What an `edl` output remembers between runs: every indicator still within `expire_after`, with when temsync
/// first and last received it. Stored as `.temsync-edl-state.json` in the list folder, replaced atomically in the
/// same commit as the lists.
///
/// ```json
/// {"version":1,"job":"defender-indicators","output":"edl","updated_at":"2026-01-31T08:00:00.000Z","indicators":[
/// {"type":"ipv4","value":"203.0.113.7","first_seen":"…","last_seen":"…","severity":"high","last_activity":"…"}
/// ]}
/// ```
///
/// `first_seen`/`last_seen` are the start times of the first and last runs that received the indicator (the age-out
/// clock); `last_activity` is the latest alert activity Defender reported for it (a tie-breaker when capping).
struct EDLState {
    struct Key: Hashable {
        var kind: Indicator.Kind
        var value: String
    }

    struct Sighting {
        var firstSeen: Date
        var lastSeen: Date
        var severity: Severity
        var lastActivity: Date?
    }

    static let fileName = ".temsync-edl-state.json"
    static let version = 1

    var sightings: [Key: Sighting] = [:]

    init() {}

    /// Reads the state at `path`; an absent file is an empty state.
    /// - Throws: `OutputError` (`state`) when the file is unreadable or belongs to another job or output.
    init(path: String, job: String, output: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        func problem(_ reason: String) -> OutputError {
            OutputError(
                .state, output: output,
                "cannot use the EDL state '\(path)': \(reason); delete it to start afresh (indicators of earlier runs are then forgotten)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw problem("it cannot be read") }
        let json: JSON
        do {
            json = try JSON(parsing: data)
        } catch {
            throw problem("\(error)")
        }
        guard json["version"]?.intValue == Self.version else { throw problem("it is not version \(Self.version)") }
        guard json["job"]?.stringValue == job, json["output"]?.stringValue == output else {
            let owner = "job '\(json["job"]?.stringValue ?? "?")' output '\(json["output"]?.stringValue ?? "?")'"
            throw OutputError(
                .state, output: output,
                "the folder of '\(path)' holds the lists of \(owner); give each edl output a folder of its own")
        }
        guard let entries = json["indicators"]?.arrayValue else { throw problem("'indicators' is missing") }
        sightings.reserveCapacity(entries.count)
        for (number, entry) in entries.enumerated() {
            guard let type = entry["type"]?.stringValue.flatMap(Indicator.Kind.init(rawValue:)),
                let value = entry["value"]?.stringValue,
                let firstSeen = entry["first_seen"]?.stringValue.flatMap(Timestamp.parse),
                let lastSeen = entry["last_seen"]?.stringValue.flatMap(Timestamp.parse)
            else { throw problem("indicator \(number + 1) is incomplete") }
            sightings[Key(kind: type, value: value)] = Sighting(
                firstSeen: firstSeen, lastSeen: lastSeen,
                severity: Severity(graphValue: entry["severity"]?.stringValue),
                lastActivity: entry["last_activity"]?.stringValue.flatMap(Timestamp.parse))
        }
    }

    /// Writes the state, one indicator per line, sorted by type and value (stable and diffable).
    func write(to file: StagedFile, job: String, output: String, updatedAt: Date) throws {
        let header: JSON = [
            "version": .int(Self.version), "job": .string(job), "output": .string(output),
            "updated_at": .string(Timestamp.format(updatedAt)),
        ]
        var head = header.encoded()
        head.removeLast()
        head.append(contentsOf: #","indicators":["#.utf8)
        try file.append(head)
        var sorted = EDLLines()
        sorted.reserveCapacity(sightings.count)
        for (key, sighting) in sightings { sorted.add(key.kind, key.value, sighting: sighting) }
        sorted.sort()
        for (number, item) in sorted.items.enumerated() {
            let sighting = item.sighting
            try file.appending { buffer in
                buffer.append(contentsOf: number == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                buffer.append(contentsOf: #"{"type":""#.utf8)
                buffer.append(contentsOf: sorted.kind(item).rawValue.utf8)
                buffer.append(contentsOf: #"","value":"#.utf8)
                JSON.string(sorted.text(item)).write(to: &buffer)
                buffer.append(contentsOf: #","first_seen":""#.utf8)
                buffer.append(contentsOf: Timestamp.format(sighting.firstSeen).utf8)
                buffer.append(contentsOf: #"","last_seen":""#.utf8)
                buffer.append(contentsOf: Timestamp.format(sighting.lastSeen).utf8)
                buffer.append(contentsOf: #"","severity":""#.utf8)
                buffer.append(contentsOf: sighting.severity.rawValue.utf8)
                if let lastActivity = sighting.lastActivity {
                    buffer.append(contentsOf: #"","last_activity":""#.utf8)
                    buffer.append(contentsOf: Timestamp.format(lastActivity).utf8)
                }
                buffer.append(contentsOf: #""}"#.utf8)
            }
        }
        try file.append(sorted.count == 0 ? "]}\n" : "\n]}\n")
    }
}
