/// An entity set of the security API, as the query layer needs it: its properties, which of them `$filter`
/// accepts (GRAPH.md §2), and the enumerations of its enum properties.
enum EntitySet: Sendable, Hashable {
    case alerts
    case incidents

    var typeName: String {
        switch self {
        case .alerts: "microsoft.graph.security.alert"
        case .incidents: "microsoft.graph.security.incident"
        }
    }

    var filterable: Set<FilterProperty> {
        switch self {
        case .alerts: Set(FilterProperty.allCases)
        case .incidents: Set(FilterProperty.allCases).subtracting([.serviceSource])
        }
    }

    /// Every property of the entity type ([oas] schema, GRAPH.md §3–§4).
    var properties: Set<String> {
        switch self {
        case .alerts:
            [
                "id", "actorDisplayName", "additionalData", "alertPolicyId", "alertWebUrl", "assignedTo", "category",
                "categories", "classification", "comments", "createdDateTime", "customDetails", "description",
                "detectionSource", "detectorId", "determination", "evidence", "firstActivityDateTime", "incidentId",
                "incidentWebUrl", "investigationState", "lastActivityDateTime", "lastUpdateDateTime",
                "mitreTechniques", "productName", "providerAlertId", "recommendedActions", "resolvedDateTime",
                "serviceSource", "severity", "status", "systemTags", "tenantId", "threatDisplayName",
                "threatFamilyName", "title",
            ]
        case .incidents:
            [
                "id", "assignedTo", "classification", "comments", "createdDateTime", "customTags", "description",
                "determination", "displayName", "incidentWebUrl", "lastModifiedBy", "lastUpdateDateTime",
                "redirectIncidentId", "resolvingComment", "severity", "status", "summary", "systemTags", "tenantId",
                "alerts",
            ]
        }
    }

    func enumeration(of property: FilterProperty) -> EvolvableEnum {
        switch property {
        case .status: self == .alerts ? SecurityEnums.alertStatus : SecurityEnums.incidentStatus
        case .classification: SecurityEnums.classification
        case .determination: SecurityEnums.determination
        case .serviceSource: SecurityEnums.serviceSource
        default: SecurityEnums.severity
        }
    }

    func edmType(of property: FilterProperty) -> String {
        switch property {
        case .createdDateTime, .lastUpdateDateTime: "Edm.DateTimeOffset"
        case .assignedTo: "Edm.String"
        default: enumeration(of: property).name
        }
    }
}

/// A query option Graph refuses, with its message (400, code `BadRequest`).
enum ODataError: Error, Sendable, Hashable {
    case badRequest(String)

    var message: String {
        switch self {
        case .badRequest(let message): message
        }
    }
}
