import Diagnostics
import JSON
import Testing

@testable import Mapping

/// Exact compile diagnostics, at the line and column of the job file where the problem is.
@Suite struct CompileDiagnosticsTests {
    /// The job file the rules below stand for (as the binder would hand them over).
    static let source = """
        version: 1
        name: defender-indicators
        mapping:
          emit: alerts
          fields:
            sev: alert.severty
            inc: incident.id
            title: { template: "{{alert.title}} ({{alert..id}})" }
            tags: { path: alert.systemTags, transforms: [lowercse, { split: 5 }, { date: unix }] }
            src: { path: alert.id, const: x }
            bad: alert.evidence[*.sha256
          where:
            - { path: alert.title, matches: "a(b" }
        """

    static var rules: MappingRules {
        MappingRules(
            emit: located(.alerts, 4, 9),
            conditions: [
                ConditionRule(
                    at: at(13, 9), path: located("alert.title", 13, 15),
                    tests: [(located(.matches, 13, 28), located("a(b", 13, 38))])
            ],
            fields: [
                FieldRule.Member(name: located("sev", 6, 5), rule: .path(located("alert.severty", 6, 10))),
                FieldRule.Member(name: located("inc", 7, 5), rule: .path(located("incident.id", 7, 10))),
                FieldRule.Member(
                    name: located("title", 8, 5),
                    rule: FieldRule(at: at(8, 14), template: located("{{alert.title}} ({{alert..id}})", 8, 25))),
                FieldRule.Member(
                    name: located("tags", 9, 5),
                    rule: FieldRule(
                        at: at(9, 13), path: located("alert.systemTags", 9, 19),
                        transforms: [
                            TransformRule(name: located("lowercse", 9, 50)),
                            TransformRule(name: located("split", 9, 62), argument: located(5, 9, 69)),
                            TransformRule(name: located("date", 9, 76), argument: located("unix", 9, 82)),
                        ])),
                FieldRule.Member(
                    name: located("src", 10, 5),
                    rule: FieldRule(at: at(10, 12), path: located("alert.id", 10, 18), constant: located("x", 10, 35))),
                FieldRule.Member(name: located("bad", 11, 5), rule: .path(located("alert.evidence[*.sha256", 11, 10))),
            ])
    }

    @Test func everyProblemAtItsColumnInReadingOrder() {
        #expect(
            compileErrors(Self.rules) == [
                "jobs/defender.yaml:6:16: warning: unknown alert property 'severty'; did you mean 'severity'?",
                "jobs/defender.yaml:7:10: error: root 'incident' is not available with emit 'alerts' (roots: "
                    + "'alert', 'job', 'record')",
                "jobs/defender.yaml:8:50: error: invalid path 'alert..id': expected a property name after '.' "
                    + "(quote other names: [\"@odata.type\"])",
                "jobs/defender.yaml:9:50: error: unknown transform 'lowercse'; did you mean 'lowercase'?",
                "jobs/defender.yaml:9:69: error: transform 'split' takes a non-empty separator string, not number",
                "jobs/defender.yaml:9:82: error: unknown date format 'unix' (formats: 'iso8601', "
                    + "'unix_milliseconds', 'unix_seconds')",
                "jobs/defender.yaml:10:35: error: field 'src' has both 'path' and 'const'; a field takes exactly "
                    + "one of 'path', 'const', 'template' or 'fields'",
                "jobs/defender.yaml:11:26: error: invalid path 'alert.evidence[*.sha256': expected ']'",
                "jobs/defender.yaml:13:38: error: invalid regular expression 'a(b': expected ')'",
            ])
    }

    @Test func renderedWithSourceLineCaretAndNotes() throws {
        var rules = Self.rules
        rules.fields = [rules.fields![1]]
        rules.conditions = []
        let error = try #require(throws: DiagnosticError.self) { try compile(rules) }
        let text = DiagnosticRenderer(sources: [jobFile: Self.source]).render(error.diagnostics, format: .text)
        #expect(
            text == """
                jobs/defender.yaml:7:10: error: root 'incident' is not available with emit 'alerts' (roots: 'alert', 'job', 'record')
                    inc: incident.id
                         ^
                jobs/defender.yaml:4:9: note: emit is 'alerts' here
                  emit: alerts
                        ^

                """)
    }

    @Test func conflictingSourcesNoteTheFirst() throws {
        var rules = Self.rules
        rules.fields = [rules.fields![4]]
        rules.conditions = []
        let error = try #require(throws: DiagnosticError.self) { try compile(rules) }
        #expect(error.diagnostics.first?.notes == [Diagnostic.Note("'path' is here", at: at(10, 18))])
    }

    func errors(
        fields: [FieldRule.Member] = [], conditions: [ConditionRule] = [], emit: EmitMode = .alerts
    )
        -> [String]
    {
        compileErrors(MappingRules(emit: located(emit, 1, 7), conditions: conditions, fields: fields))
    }

    @Test func pathProblems() {
        #expect(
            errors(fields: [field("a", path: "alrt.severity")])
                == [
                    "jobs/defender.yaml:1:10: error: unknown root 'alrt' in path 'alrt.severity'; did you mean 'alert'?"
                ])
        #expect(
            errors(fields: [field("a", path: "foo.bar")]) == [
                "jobs/defender.yaml:1:10: error: unknown root 'foo' in path 'foo.bar' (roots with emit 'alerts': "
                    + "'alert', 'job', 'record')"
            ])
        #expect(
            errors(fields: [field("a", path: "indicator.value")], emit: .incidents) == [
                "jobs/defender.yaml:1:10: error: root 'indicator' is not available with emit 'incidents' (roots: "
                    + "'incident', 'job', 'record')"
            ])
        #expect(
            errors(fields: [field("a", path: "record.idd")])
                == ["jobs/defender.yaml:1:17: error: unknown member 'idd' of 'record'; did you mean 'id'?"])
        #expect(
            errors(fields: [field("a", path: "indicator.firstseen")], emit: .indicators)
                == [
                    "jobs/defender.yaml:1:20: error: unknown member 'firstseen' of 'indicator'; did you mean 'first_seen'?"
                ])
        #expect(
            errors(fields: [field("a", path: "job.owner")])
                == ["jobs/defender.yaml:1:14: error: unknown member 'owner' of 'job' (members: 'description', 'name')"])
        #expect(
            errors(fields: [field("a", path: "")]) == ["jobs/defender.yaml:1:10: error: invalid path '': empty path"])
        #expect(
            errors(fields: [field("a", path: ".severity")])
                == [
                    "jobs/defender.yaml:1:10: error: invalid path '.severity': expected a root name at the start of the path"
                ])
        #expect(
            errors(fields: [field("a", path: "alert.severity ")]) == [
                "jobs/defender.yaml:1:24: error: invalid path 'alert.severity ': unexpected ' '; a path continues with "
                    + "'.name', '[N]', '[*]' or '[\"name\"]'"
            ])
        #expect(
            errors(fields: [field("a", path: "alert.evidence[x]")])
                == [
                    "jobs/defender.yaml:1:25: error: invalid path 'alert.evidence[x]': expected an index, '*' or a quoted name after '['"
                ])
        #expect(
            errors(fields: [field("a", path: "alert.additionalData[\"name]")])
                == [
                    "jobs/defender.yaml:1:31: error: invalid path 'alert.additionalData[\"name]': unterminated quoted name (missing \")"
                ])
        #expect(
            errors(fields: [field("a", path: "alert.evidence[1234567890]")])
                == [
                    "jobs/defender.yaml:1:25: error: invalid path 'alert.evidence[1234567890]': expected an index (an integer of at most 9 digits) after '['"
                ])
        // A Graph property temsync does not know, and not close to one it knows: no warning.
        #expect(errors(fields: [field("a", path: "alert.brandNewGraphProperty")]) == [])
    }

    @Test func templateProblems() {
        #expect(
            errors(fields: [field("t", template: "{{alert.title} x")])
                == ["jobs/defender.yaml:1:10: error: invalid template: unterminated placeholder: '{{' without '}}'"])
        #expect(
            errors(fields: [field("t", template: "id: {{  }}")])
                == ["jobs/defender.yaml:1:14: error: invalid template: empty placeholder '{{}}'"])
        #expect(
            errors(fields: [field("t", template: "{{ alert.id }} {{ alrt.title }}")])
                == ["jobs/defender.yaml:1:28: error: unknown root 'alrt' in path 'alrt.title'; did you mean 'alert'?"])
    }

    @Test func fieldProblems() {
        #expect(
            errors(fields: [field("empty")])
                == [
                    "jobs/defender.yaml:1:10: error: field 'empty' needs one of 'path', 'const', 'template' or 'fields'"
                ])
        #expect(
            errors(fields: [field("a", line: 1, path: "alert.id"), field("a", line: 2, path: "alert.title")])
                == ["jobs/defender.yaml:2:3: error: duplicate field 'a'"])
        #expect(
            errors(fields: [field("", path: "alert.id")]) == ["jobs/defender.yaml:1:3: error: empty field name"])
        #expect(
            errors(fields: [field("n", fields: [field("inner", line: 2)])])
                == [
                    "jobs/defender.yaml:2:10: error: field 'inner' needs one of 'path', 'const', 'template' or 'fields'"
                ])
        let duplicateKeys = FieldRule.Member(
            name: located("sev", 1, 3),
            rule: FieldRule(
                at: at(1, 10), path: located("alert.severity", 1, 10),
                map: located(
                    [.init(from: located("1", 2, 7), to: "a"), .init(from: located("1", 3, 7), to: "b")], 2, 7)))
        #expect(errors(fields: [duplicateKeys]) == ["jobs/defender.yaml:3:7: error: duplicate map key '1'"])
    }

    @Test func transformProblems() {
        func transformErrors(_ name: String, _ argument: JSON?) -> [String] {
            errors(fields: [field("f", path: "alert.id", transforms: [(name, argument)])])
        }
        #expect(
            transformErrors("lowercase", true) == [
                "jobs/defender.yaml:1:45: error: transform 'lowercase' takes no argument"
            ])
        #expect(
            transformErrors("split", nil) == [
                "jobs/defender.yaml:1:40: error: transform 'split' needs a separator: { split: \",\" }"
            ])
        #expect(
            transformErrors("split", "")
                == [
                    "jobs/defender.yaml:1:45: error: transform 'split' takes a non-empty separator string, not an empty string"
                ])
        #expect(
            transformErrors("join", 1) == [
                "jobs/defender.yaml:1:45: error: transform 'join' takes a separator string, not number"
            ])
        #expect(
            transformErrors("date", nil) == [
                "jobs/defender.yaml:1:40: error: transform 'date' needs a format: { date: iso8601 } (formats: 'iso8601', "
                    + "'unix_milliseconds', 'unix_seconds')"
            ])
        #expect(
            transformErrors("date", "unix_second") == [
                "jobs/defender.yaml:1:45: error: unknown date format 'unix_second'; did you mean 'unix_seconds'?"
            ])
        #expect(
            transformErrors("explode", nil) == [
                "jobs/defender.yaml:1:40: error: unknown transform 'explode' (transforms: 'compact', 'count', 'date', "
                    + "'first', 'join', 'last', 'lowercase', 'split', 'to_bool', 'to_number', 'to_string', 'trim', "
                    + "'unique', 'uppercase')"
            ])
        #expect(transformErrors("join", nil) == [])
    }

    @Test func conditionProblems() {
        #expect(
            errors(conditions: [ConditionRule(at: at(2, 5), path: located("alert.id", 2, 11), tests: [])])
                == [
                    "jobs/defender.yaml:2:5: error: condition needs one test: 'equals', 'exists', 'in', 'matches', 'not_equals', 'not_in'"
                ])
        #expect(
            errors(conditions: [
                ConditionRule(
                    at: at(2, 5), path: located("alert.id", 2, 11),
                    tests: [
                        (located(.equals, 2, 20), located("a", 2, 28)), (located(.in, 2, 31), located(["a"], 2, 35)),
                    ])
            ]) == [
                "jobs/defender.yaml:2:31: error: condition has both 'equals' and 'in'; a condition takes exactly one test"
            ])
        #expect(
            errors(conditions: [
                ConditionRule(at: at(2, 5), path: nil, tests: [(located(.exists, 2, 7), located(true, 2, 15))])
            ])
                == ["jobs/defender.yaml:2:5: error: condition needs a 'path'"])
        #expect(
            errors(conditions: [condition("alert.severity", .in, "high")]) == [
                "jobs/defender.yaml:1:40: error: 'in' takes a list of values, not string"
            ])
        #expect(
            errors(conditions: [condition("alert.severity", .equals, ["high"])])
                == [
                    "jobs/defender.yaml:1:40: error: 'equals' takes a single value, not array (for several values use 'in')"
                ])
        #expect(
            errors(conditions: [condition("alert.assignedTo", .exists, "yes")]) == [
                "jobs/defender.yaml:1:40: error: 'exists' takes true or false, not string"
            ])
        #expect(
            errors(conditions: [condition("alert.title", .matches, 5)])
                == ["jobs/defender.yaml:1:40: error: 'matches' takes a regular expression string, not number"])
        #expect(
            errors(conditions: [condition("alert.assignedTo", .exists, true, ignoreCase: true)])
                == ["jobs/defender.yaml:1:60: warning: 'ignore_case' has no effect on 'exists'"])
    }

    @Test func indicatorOptionProblems() {
        let rules = MappingRules(
            emit: located(.indicators, 1, 7),
            indicators: IndicatorRules(
                types: [located("ipv4", 3, 13), located("ip6", 3, 19)],
                verdicts: [located("Malicious", 4, 15), located("unknownFutureValue", 4, 26)],
                roles: [located("atacker", 5, 12)],
                exclude: [
                    .cidr(located("10.0.0/8", 7, 15)), .cidr(located("10.1.2.3/8", 8, 15)),
                    .domain(located("contoso.*", 9, 17)), .domain(located("not a domain", 10, 17)),
                    .value(located("???", 11, 16)), .cidr(located("2001:db8::/32", 12, 15)),
                    .domain(located("*.contoso.com", 13, 17)), .value(located("hxxp://evil[.]example/x", 14, 16)),
                ]))
        #expect(
            compileErrors(rules) == [
                "jobs/defender.yaml:3:19: error: unknown indicator type 'ip6'; did you mean 'ipv6'?",
                "jobs/defender.yaml:4:15: error: unknown verdict 'Malicious'; did you mean 'malicious'?",
                "jobs/defender.yaml:4:26: error: 'unknownFutureValue' is Graph's evolvable-enum sentinel, not a "
                    + "verdict; don't filter on it",
                "jobs/defender.yaml:5:12: error: unknown evidence role 'atacker'; did you mean 'attacker'?",
                "jobs/defender.yaml:7:15: error: invalid CIDR block '10.0.0/8': expected an IPv4 or IPv6 address, "
                    + "optionally with '/' and a prefix length (10.0.0.0/8, 2001:db8::/32)",
                "jobs/defender.yaml:8:15: error: CIDR block '10.1.2.3/8' has host bits set; did you mean '10.0.0.0/8'?",
                "jobs/defender.yaml:9:17: error: invalid domain exclusion 'contoso.*': a wildcard is a leading '*.' "
                    + "('*.contoso.com')",
                "jobs/defender.yaml:10:17: error: invalid domain exclusion 'not a domain': not a domain name",
                "jobs/defender.yaml:11:16: error: exclusion value '???' is not an IP address, domain, URL, e-mail "
                    + "address or hash",
            ])
    }

    @Test func warningsDoNotStopACompile() throws {
        let program = try compile(
            MappingRules(
                emit: located(.indicators, 1, 7), history: located(.versions, 2, 10),
                fields: [field("sev", line: 3, path: "alert.severty")]))
        #expect(
            program.warnings.map(\.description) == [
                "jobs/defender.yaml:2:10: warning: history 'versions' has no effect with emit 'indicators': an "
                    + "indicator record's id is the indicator's id (its type and value)",
                "jobs/defender.yaml:3:16: warning: unknown alert property 'severty'; did you mean 'severity'?",
            ])
    }
}
