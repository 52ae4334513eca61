/// Names the compiler knows, for "did you mean" and for the closed roots.
enum KnownMembers {
    /// `microsoft.graph.security.alert` (GRAPH.md §3). Graph adds properties over time: an unknown one is only
    /// a warning, and only when it looks like a typo of one of these.
    static let alert: [String] = [
        "@odata.type", "actorDisplayName", "additionalData", "alertPolicyId", "alertWebUrl", "assignedTo",
        "categories", "category", "classification", "comments", "createdDateTime", "customDetails", "description",
        "detectionSource", "detectorId", "determination", "evidence", "firstActivityDateTime", "id", "incidentId",
        "incidentWebUrl", "investigationState", "lastActivityDateTime", "lastUpdateDateTime", "mitreTechniques",
        "productName", "providerAlertId", "recommendedActions", "resolvedDateTime", "serviceSource", "severity",
        "status", "systemTags", "tenantId", "threatDisplayName", "threatFamilyName", "title",
    ]

    /// `microsoft.graph.security.incident` (GRAPH.md §4), with `alerts` and the `tags` of older examples.
    static let incident: [String] = [
        "@odata.type", "alerts", "assignedTo", "classification", "comments", "createdDateTime", "customTags",
        "description", "determination", "displayName", "id", "incidentWebUrl", "lastModifiedBy",
        "lastUpdateDateTime", "redirectIncidentId", "resolvingComment", "severity", "status", "summary", "systemTags",
        "tags", "tenantId",
    ]

    /// The `indicator` object (docs/JOBS.md); closed.
    static let indicator: [String] = [
        "id", "type", "value", "first_seen", "last_seen", "severity", "count", "alert_ids", "incident_ids",
        "service_sources", "detection_sources", "mitre_techniques", "categories", "roles", "verdicts",
        "evidence_types",
    ]

    /// The `asset` object (docs/JOBS.md); closed.
    static let asset: [String] = [
        "id", "kind", "key", "name", "attributes", "first_seen", "last_seen", "severity", "count", "alert_ids",
        "incident_ids", "service_sources", "roles", "verdicts", "evidence_types",
    ]

    /// `record`; closed.
    static let record: [String] = ["id", "kind"]

    /// `job`; closed.
    static let job: [String] = ["name", "description"]
}
