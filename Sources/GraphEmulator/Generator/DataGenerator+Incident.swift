/// Writing one generated incident (its own members; the renderer appends `alerts` when expanded).
extension DataGenerator {
    func writeIncidentMembers(_ index: Int, to writer: inout JSONStreamWriter, includeUnknown: Bool) {
        var random = SplitMix64(seed: options.seed, stream: Self.incidentStream ^ 0x1D, index: index)
        let range = alertRange(ofIncident: index)
        let alertSummaries = range.map { alertSummary($0) }
        let summary = incidentSummary(index) { alertSummaries[$0 - range.lowerBound] }
        let quirky = random.chance(options.quirkRate)
        let id = incidentID(index)
        let tenant = options.tenantID
        let status = SecurityEnums.incidentStatus.members[Int(summary.status)]
        let titles = range.map { alertIndex -> String in
            var alertRandom = SplitMix64(seed: options.seed, stream: Self.alertStream, index: alertIndex)
            let facts = AlertFacts(generator: self, index: alertIndex, random: &alertRandom)
            return AlertScenario.all[facts.scenario].category
        }
        func member(_ value: String) -> String {
            quirky ? value.prefix(1).uppercased() + value.dropFirst() : value
        }
        let classification = SecurityEnums.classification.members[Int(alertSummaries[0].classification)]
        let determination = SecurityEnums.determination.members[Int(alertSummaries[0].determination)]
        let severity = SecurityEnums.severity.members[Int(summary.severity)]

        writer.key("@odata.type")
        writer.plain("#microsoft.graph.security.incident")
        writer.key("id")
        writer.plain(id)
        writer.key("incidentWebUrl")
        writer.string("https://security.microsoft.com/incidents/\(id)?tid=\(tenant)")
        writer.key("redirectIncidentId")
        writer.string(
            status == "redirected" ? String(DataGenerator.firstIncidentNumber + (index == 0 ? 1 : index / 2)) : nil)
        writer.key("tenantId")
        writer.string(tenant)
        writer.key("displayName")
        writer.string(Self.displayName(categories: titles, alertCount: range.count))
        writer.key("createdDateTime")
        writer.timestamp(GraphTimestamp(ticks: summary.created))
        writer.key("lastUpdateDateTime")
        writer.timestamp(GraphTimestamp(ticks: summary.lastUpdate))
        writer.key("assignedTo")
        writer.string(summary.assignedTo >= 0 ? organization.analysts[Int(summary.assignedTo)] : nil)
        writer.key("classification")
        writer.string(member(classification))
        writer.key("determination")
        writer.string(member(determination))
        writer.key("status")
        writer.string(member(SecurityEnums.incidentStatus.wireValue(status, includeUnknown: includeUnknown)))
        writer.key("severity")
        writer.string(member(severity))
        let tags =
            random.chance(0.3) ? [random.pick(["Demo", "VIP", "Ransomware", "Phishing campaign", "Red team"])] : []
        writer.key("customTags")
        writer.strings(tags)
        if quirky {
            writer.key("tags")
            writer.strings(tags)
        }
        writer.key("comments")
        writer.array { writer in
            if summary.assignedTo >= 0, random.chance(0.4) {
                writer.object { writer in
                    writer.key("comment")
                    writer.string(random.pick(Self.incidentComments))
                    if quirky {
                        writer.key("createdBy")
                        writer.string(organization.analysts[Int(summary.assignedTo)])
                        writer.key("createdTime")
                    } else {
                        writer.key("createdByDisplayName")
                        writer.string(organization.analysts[Int(summary.assignedTo)])
                        writer.key("createdDateTime")
                    }
                    writer.timestamp(GraphTimestamp(ticks: summary.lastUpdate))
                }
            }
        }
        writer.key("systemTags")
        writer.strings(random.chance(0.05) ? ["Defender Experts"] : [])
        writer.key("description")
        writer.string(
            random.chance(0.2)
                ? "Microsoft observed activity consistent with \(titles[0]) across \(range.count) alert(s)." : nil)
        writer.key("summary")
        writer.string(random.chance(0.1) ? "Attack disruption contained the affected user and device." : nil)
        writer.key("lastModifiedBy")
        writer.string(summary.assignedTo >= 0 ? organization.analysts[Int(summary.assignedTo)] : "Automation")
        writer.key("resolvingComment")
        writer.string(
            status == "resolved"
                ? random.pick(["Remediated by AIR.", "False positive: pen test.", "Confirmed and contained."]) : nil)
    }

    static func displayName(categories: [String], alertCount: Int) -> String {
        let unique = categories.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let words = unique.map { category in
            category.reduce(into: "") { text, character in
                if character.isUppercase, !text.isEmpty { text += " " }
                text.append(text.isEmpty ? character : Character(character.lowercased()))
            }
        }
        if alertCount > 1, words.count > 1 {
            return "Multi-stage incident involving \(words.prefix(3).joined(separator: " & ")) on one endpoint"
        }
        return "\(words[0]) incident involving one user"
    }

    static let incidentComments = [
        "Escalated to tier 2.", "Demo incident", "Contained by automatic attack disruption.",
    ]
}
