import Diagnostics
import JSON
import JobSpec
import Mapping

/// JobSpec's bound `mapping` section → the Mapping module's input rules (the Mapping module compiles them).
enum MappingTranslation {
    static func rules(_ spec: MappingSpec) -> MappingRules {
        MappingRules(
            emit: spec.emit.map { EmitMode(rawValue: $0.rawValue) ?? .alerts },
            history: Located(History(rawValue: spec.history.rawValue) ?? .latest, at: spec.location),
            conditions: spec.conditions.map(condition),
            indicators: indicators(spec.indicators, at: spec.location),
            fields: spec.fields.map(members))
    }

    static func members(_ fields: FieldRulesSpec) -> [Mapping.FieldRule.Member] {
        fields.entries.map { Mapping.FieldRule.Member(name: $0.name, rule: rule($0.rule)) }
    }

    static func rule(_ spec: FieldRuleSpec) -> Mapping.FieldRule {
        var rule = Mapping.FieldRule(at: spec.location)
        switch spec.source {
        case .path(let path): rule.path = path
        case .constant(let constant): rule.constant = constant
        case .template(let template): rule.template = template
        case .fields(let fields): rule.fields = Located(members(fields), at: fields.location)
        }
        rule.transforms = spec.transforms.map { transform in
            TransformRule(name: transform.name, argument: transform.argument.map { $0.map(JSON.string) })
        }
        rule.map = spec.map.map { entries in
            Located(
                entries.map { Mapping.FieldRule.MapEntry(from: $0.from, to: $0.to.value) },
                at: entries.first?.from.location ?? spec.location)
        }
        rule.defaultValue = spec.defaultValue
        return rule
    }

    static func condition(_ spec: ConditionSpec) -> ConditionRule {
        let test: (ConditionRule.Test, Located<JSON>)
        switch spec.test {
        case .equals(let value): test = (.equals, value)
        case .notEquals(let value): test = (.notEquals, value)
        case .isIn(let values): test = (.in, list(values, at: spec.location))
        case .notIn(let values): test = (.notIn, list(values, at: spec.location))
        case .exists(let flag): test = (.exists, Located(.bool(flag), at: spec.location))
        case .matches(let pattern): test = (.matches, pattern.map(JSON.string))
        }
        return ConditionRule(
            at: spec.location, path: spec.path, tests: [(Located(test.0, at: spec.location), test.1)],
            ignoreCase: spec.ignoreCase ? Located(true, at: spec.location) : nil)
    }

    static func list(_ values: [Located<JSON>], at location: SourceLocation) -> Located<JSON> {
        Located(.array(values.map(\.value)), at: values.first?.location ?? location)
    }

    static func indicators(_ spec: IndicatorOptionsSpec, at location: SourceLocation) -> IndicatorRules {
        IndicatorRules(
            types: spec.types.map { Located($0.rawValue, at: location) },
            verdicts: spec.verdicts.map { Located($0, at: location) },
            roles: spec.roles?.map { Located($0, at: location) },
            includePrivate: Located(spec.includePrivate, at: location),
            maxIDs: Located(spec.maxIDs, at: location),
            exclude: spec.exclude.map { exclusion in
                switch exclusion {
                case .cidr(let cidr): .cidr(cidr)
                case .domain(let domain): .domain(domain)
                case .value(let value): .value(value)
                }
            })
    }
}
