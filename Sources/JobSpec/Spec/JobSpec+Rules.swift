import Diagnostics

extension JobSpec {
    /// Rules across a job's sections: unique output names, one writer per file, an incident source for
    /// `emit: incidents`.
    @Sendable static func jobRules(_ object: ValueObject) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let outputs = (object["outputs"]?.value.list ?? []).compactMap(\.value.object)
        var names: [String: SourceLocation] = [:]
        for (output, name) in zip(outputs, defaultOutputNames(outputs)) {
            let written = output.string("name")
            let location = written?.location ?? output.location
            let value = written?.value ?? name
            if let first = names[value] {
                problems.append(
                    .error(
                        "output name '\(value)' is already used in this job", at: location,
                        notes: [.init("first used here", at: first)]))
            } else {
                names[value] = location
            }
        }
        var targets: [String: SourceLocation] = [:]
        for output in outputs {
            guard let target = output.string("path") ?? output.string("dir") else { continue }
            if let first = targets[target.value] {
                problems.append(
                    .error(
                        "'\(target.value)' is written by two outputs of this job", at: target.location,
                        notes: [.init("first written here", at: first)]))
            } else {
                targets[target.value] = target.location
            }
        }
        if let emit = object.object("mapping")?.string("emit"), emit.value == "incidents",
            let sources = object.object("sources"), sources["incidents"] == nil
        {
            problems.append(.error("'emit: incidents' needs an 'incidents' source in 'sources'", at: emit.location))
        }
        return problems
    }
}
