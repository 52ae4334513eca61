import JSON
import Testing

@testable import Mapping

@Suite struct PathTests {
    static let alert: JSON = [
        "id": "a1", "severity": "high", "mitreTechniques": ["T1", "T2"],
        "additionalData": ["detectedBy.name": "rule 7"],
        "evidence": [
            [
                "@odata.type": "#microsoft.graph.security.fileEvidence",
                "fileDetails": ["sha256": "aa", "fileName": "x.exe"], "tags": ["one", "two"],
            ],
            ["@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "45.141.84.10", "tags": []],
            [
                "@odata.type": "#microsoft.graph.security.fileEvidence", "fileDetails": ["sha256": nil],
                "tags": ["three"],
            ],
            ["@odata.type": "#microsoft.graph.security.fileEvidence", "fileDetails": ["sha256": "bb"]],
        ],
    ]

    func value(_ text: String, emit: EmitMode = .alerts) throws -> JSON {
        var compiler = MappingCompiler(emit: emit, emitLocation: nil)
        let compiled = compiler.path(text, at: at(1, 1))
        let path = try #require(compiled, "\(compiler.diagnostics)")
        return path.evaluate(in: Scope(alert: Self.alert, incident: ["alerts": [Self.alert]]))
    }

    @Test func members() throws {
        #expect(try value("alert.severity") == "high")
        #expect(try value("alert") == Self.alert)
        #expect(try value("alert.missing") == nil)
        #expect(try value("alert.severity.deeper") == nil)
        #expect(try value("alert.additionalData[\"detectedBy.name\"]") == "rule 7")
        #expect(try value("alert.additionalData['detectedBy.name']") == "rule 7")
    }

    @Test func indexes() throws {
        #expect(try value("alert.mitreTechniques[0]") == "T1")
        #expect(try value("alert.mitreTechniques[-1]") == "T2")
        #expect(try value("alert.mitreTechniques[-3]") == nil)
        #expect(try value("alert.mitreTechniques[2]") == nil)
        #expect(try value("alert.severity[0]") == nil)
        #expect(try value("incident.alerts[0].id", emit: .incidents) == "a1")
        #expect(try value("alert.evidence[1].ipAddress") == "45.141.84.10")
    }

    @Test func wildcardsCollectWhatExists() throws {
        #expect(try value("alert.evidence[*].fileDetails.sha256") == ["aa", "bb"])
        #expect(
            try value("alert.evidence[*][\"@odata.type\"]") == [
                "#microsoft.graph.security.fileEvidence", "#microsoft.graph.security.ipEvidence",
                "#microsoft.graph.security.fileEvidence", "#microsoft.graph.security.fileEvidence",
            ])
        #expect(try value("alert.evidence[*].tags") == [["one", "two"], [], ["three"]])
        #expect(try value("alert.evidence[*].tags[*]") == ["one", "two", "three"])
        #expect(try value("alert.evidence[*].tags[0]") == ["one", "three"])
        #expect(try value("alert.severity[*]") == [])
        #expect(try value("alert.missing[*].x") == [])
    }
}
