/// Writing one generated alert, member by member, in the order Graph's examples show.
extension DataGenerator {
    func writeAlert(_ index: Int, to writer: inout JSONStreamWriter, includeUnknown: Bool) {
        var random = SplitMix64(seed: options.seed, stream: Self.alertStream, index: index)
        let facts = AlertFacts(generator: self, index: index, random: &random)
        let scenario = AlertScenario.all[facts.scenario]
        let id = alertID(index, facts: facts)
        let incidentID = incidentID(Int(alertIncidents[index]))
        let tenant = options.tenantID
        let title = random.pick(scenario.titles)
        let family = scenario.threatFamilies.isEmpty ? nil : random.pick(scenario.threatFamilies)
        let created = GraphTimestamp(ticks: facts.created)
        let device = organization.devices[random.skewed(organization.devices.count)]
        let user = organization.users[random.skewed(organization.users.count)]

        writer.beginObject()
        writer.key("@odata.type")
        writer.plain("#microsoft.graph.security.alert")
        writer.key("id")
        writer.plain(id)
        writer.key("providerAlertId")
        writer.plain(scenario.idPrefix == "da" ? id : random.guid())
        writer.key("incidentId")
        writer.plain(incidentID)
        writer.key("status")
        writer.plain(SecurityEnums.alertStatus.members[facts.status])
        writer.key("severity")
        writer.plain(SecurityEnums.severity.members[facts.severity])
        writer.key("classification")
        writer.plain(SecurityEnums.classification.members[facts.classification])
        writer.key("determination")
        writer.plain(SecurityEnums.determination.members[facts.determination])
        writer.key("serviceSource")
        writer.plain(SecurityEnums.serviceSource.wireValue(scenario.serviceSource, includeUnknown: includeUnknown))
        writer.key("detectionSource")
        writer.plain(SecurityEnums.detectionSource.wireValue(facts.detectionSource, includeUnknown: includeUnknown))
        writer.key("productName")
        writer.string(scenario.productName)
        writer.key("detectorId")
        writer.plain(detectorID(facts.scenario, title))
        writer.key("tenantId")
        writer.string(tenant)
        writer.key("title")
        writer.string(title)
        writer.key("description")
        writer.string(Self.description(title: title, device: device.hostName, user: user.displayName))
        writer.key("recommendedActions")
        writer.string(Self.recommendedActions[facts.scenario % Self.recommendedActions.count])
        writer.key("category")
        writer.string(scenario.category)
        writer.key("assignedTo")
        writer.string(facts.assignedTo >= 0 ? organization.analysts[facts.assignedTo] : nil)
        writer.key("alertWebUrl")
        writer.string("https://security.microsoft.com/alerts/\(id)?tid=\(tenant)")
        writer.key("incidentWebUrl")
        writer.string("https://security.microsoft.com/incidents/\(incidentID)?tid=\(tenant)")
        writer.key("actorDisplayName")
        writer.string(scenario.actors.isEmpty ? nil : random.pick(scenario.actors))
        writer.key("threatDisplayName")
        writer.string(family)
        writer.key("threatFamilyName")
        writer.string(family)
        writer.key("mitreTechniques")
        writer.strings(scenario.mitreTechniques)
        writer.key("createdDateTime")
        writer.timestamp(created)
        writer.key("lastUpdateDateTime")
        writer.timestamp(GraphTimestamp(ticks: facts.lastUpdate))
        writer.key("resolvedDateTime")
        writer.timestamp(facts.resolved.map { GraphTimestamp(ticks: $0) })
        writer.key("firstActivityDateTime")
        writer.timestamp(created.adding(seconds: -Double(random.int(60...7200))))
        writer.key("lastActivityDateTime")
        writer.timestamp(created.adding(seconds: -Double(random.int(0...59))))
        writer.key("comments")
        writer.array { writer in
            if facts.assignedTo >= 0, random.chance(0.3) {
                writer.object { writer in
                    writer.key("comment")
                    writer.string(random.pick(Self.comments))
                    writer.key("createdByDisplayName")
                    writer.string(organization.analysts[facts.assignedTo])
                    writer.key("createdDateTime")
                    writer.timestamp(GraphTimestamp(ticks: facts.lastUpdate))
                }
            }
        }

        writer.key("evidence")
        writer.beginArray()
        // The writer moves into the evidence session and back (its storage is shared, its comma state is not).
        var alert = AlertWriting(
            writer: JSONStreamWriter(capacity: 0), random: random, pools: pools, organization: organization,
            created: created, includeUnknown: includeUnknown, device: device, user: user)
        swap(&writer, &alert.writer)
        scenario.evidence(&alert, family)
        swap(&writer, &alert.writer)
        random = alert.random
        writer.endArray()

        writer.key("systemTags")
        writer.strings(random.chance(0.05) ? ["Defender Experts"] : [])
        writer.key("alertPolicyId")
        writer.string(scenario.usesPolicy ? random.guid() : nil)
        writer.key("categories")
        writer.strings([scenario.category])
        writer.key("investigationState")
        writer.plain(
            scenario.idPrefix == "da"
                ? SecurityEnums.investigationState.members[random.below(SecurityEnums.investigationState.sentinel)]
                : "unknown")
        writer.key("additionalData")
        writer.object { writer in
            if scenario.serviceSource == "microsoftSentinel" {
                writer.key("AnalyticRuleIds")
                writer.plain(random.guid())
                writer.key("ProductComponentName")
                writer.plain("Scheduled Alerts")
            }
        }
        writer.key("customDetails")
        writer.object { writer in
            if scenario.serviceSource == "microsoftSentinel" {
                writer.key("SourceIP")
                writer.strings([pools.ipAddresses[random.skewed(pools.ipAddresses.count)]])
            }
        }
        writer.endObject()
    }

    private func detectorID(_ scenario: Int, _ title: String) -> String {
        var random = SplitMix64(seed: UInt64(scenario) &* 31 &+ UInt64(title.utf8.count), stream: 0x4445_5445, index: 0)
        return random.guid()
    }

    static func description(title: String, device: String, user: String) -> String {
        "\(title) involving \(device) and \(user). The activity matches techniques used by attackers to gain a "
            + "foothold and move laterally; review the evidence and the device timeline."
    }

    static let comments = [
        "Investigating with the endpoint team.", "Confirmed with the user: not expected.",
        "Blocked the sender and the URL in the tenant allow/block list.", "Closing: covered by the incident.",
    ]

    static let recommendedActions = [
        "1. Isolate the device.\n2. Block the remote address at the perimeter.\n3. Run a full antivirus scan.",
        "Review the user's recent sign-ins and reset the password if the activity is not expected.",
        "Purge the message from all mailboxes and block the sender domain.",
        "Collect the investigation package and review the process tree for related activity.",
        "",
    ]
}
