import Foundation
import JSON

/// Runs the OASIS STIX validator (PyPI `stix2-validator`, installed by scripts/bootstrap) on a file.
enum STIXValidator {
    struct Result {
        var valid: Bool
        var errors: [String]
        var warnings: [String]
    }

    static let script = """
        import json, sys
        from stix2validator import validate_file, ValidationOptions
        result = validate_file(sys.argv[1], ValidationOptions(version="2.1"))
        errors, warnings = [], []
        for obj in result.object_results:
            errors += [obj.object_id + ": " + str(e) for e in obj.errors]
            warnings += [obj.object_id + ": " + str(w) for w in obj.warnings]
        if result.fatal:
            errors.append("fatal: " + str(result.fatal))
        print(json.dumps({"valid": result.is_valid, "errors": errors, "warnings": warnings}))
        """

    static func validate(_ path: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidatorFailed(message: String(decoding: problems, as: UTF8.self))
        }
        let json = try JSON(parsing: Array(data))
        return Result(
            valid: json["valid"]?.boolValue ?? false,
            errors: json["errors"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            warnings: json["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    struct ValidatorFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { "stix2-validator did not run: \(message)" }
    }
}
