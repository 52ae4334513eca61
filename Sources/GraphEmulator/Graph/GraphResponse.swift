import Foundation
import JSON

/// Graph's response conventions: the JSON content type, the error body, and the headers every answer carries.
enum GraphResponse {
    static let jsonContentType =
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

    /// `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}` (concepts/errors.md).
    static func error(_ status: Int, code: String, message: String, request: EmulatorRequest) -> EmulatorResponse {
        let body: JSON = [
            "error": [
                "code": .string(code),
                "message": .string(message),
                "innerError": [
                    "date": .string(innerErrorDate(request.received)),
                    "request-id": .string(request.requestID),
                    "client-request-id": .string(request.clientRequestID),
                ],
            ]
        ]
        return .json(status, body, contentType: "application/json")
    }

    /// The throttling body of concepts/throttling.md (`TooManyRequests`, an innerError with code and status 429).
    static func throttled(request: EmulatorRequest) -> EmulatorResponse {
        let body: JSON = [
            "error": [
                "code": "TooManyRequests",
                "innerError": [
                    "code": "429",
                    "date": .string(innerErrorDate(request.received)),
                    "message": "Please retry after",
                    "request-id": .string(request.requestID),
                    "status": "429",
                    "client-request-id": .string(request.clientRequestID),
                ],
                "message": "Please retry again later.",
            ]
        ]
        return .json(429, body, contentType: "application/json")
    }

    /// `2020-08-18T12:51:51`: the innerError date, to the second, without a zone.
    static func innerErrorDate(_ date: Date) -> String {
        let text = GraphTimestamp(
            ticks: Int64(date.timeIntervalSince1970.rounded(.down)) * GraphTimestamp.ticksPerSecond
        )
        .description
        return String(text.dropLast())
    }

    /// The headers Graph adds to every response (best-practices-concept.md: log `request-id`, the timestamp and
    /// `x-ms-ags-diagnostic`).
    static func addStandardHeaders(to response: inout EmulatorResponse, request: EmulatorRequest) {
        response.setHeader("request-id", request.requestID)
        response.setHeader("client-request-id", request.clientRequestID)
        response.setHeader(
            "x-ms-ags-diagnostic",
            #"{"ServerInfo":{"DataCenter":"West Europe","Slice":"E","Ring":"5","ScaleUnit":"001","RoleInstance":"temsync-emulator"}}"#
        )
        response.setHeader("OData-Version", "4.0")
        response.setHeader("Cache-Control", "no-cache")
    }
}
