import JSON
import Testing

@testable import Mapping

/// Nulls, odd types, nesting, PascalCase and unknown evidence types: never a crash, never a wrong indicator.
@Suite struct RobustnessTests {
    @Test(
        arguments: [
            JSON.null, "text", 42, [:], ["evidence": nil], ["evidence": "x"], ["evidence": [nil, 1, "x", [1, 2]]],
            ["evidence": [["@odata.type": nil]]], ["evidence": [["@odata.type": 7]]],
            ["evidence": [["@odata.type": "#microsoft.graph.security.ipEvidence"]]],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": nil, "roles": nil,
                        "verdict": nil,
                    ]
                ]
            ],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": 123, "roles": "attacker",
                        "verdict": 1,
                    ]
                ]
            ],
            ["evidence": [["@odata.type": "#microsoft.graph.security.fileEvidence", "fileDetails": nil]]],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.fileEvidence",
                        "fileDetails": ["sha256": nil, "sha1": 5],
                    ]
                ]
            ],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.dnsEvidence", "ipAddresses": "1.2.3.4",
                        "domainName": ["x"],
                    ]
                ]
            ],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.networkConnectionEvidence", "sourceAddress": 1,
                        "destinationAddress": [],
                    ]
                ]
            ],
            [
                "evidence": [
                    ["@odata.type": "#microsoft.graph.security.malwareEvidence", "files": "x", "processes": [nil, 1]]
                ]
            ],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.analyzedMessageEvidence",
                        "urls": [nil, 1, ["url": nil]], "p1Sender": "x",
                    ]
                ]
            ],
            [
                "evidence": [
                    [
                        "@odata.type": "#microsoft.graph.security.teamsMessageEvidence", "urls": "x",
                        "files": [["fileDetails": 1]],
                    ]
                ]
            ],
            [
                "evidence": [
                    ["@odata.type": "#microsoft.graph.security.blobEvidence", "fileHashes": [nil, ["value": 1]]]
                ]
            ],
            ["id": nil, "severity": 3, "firstActivityDateTime": "yesterday", "mitreTechniques": "T1", "evidence": []],
        ] as [JSON])
    func oddInputGivesNothingAndNeverCrashes(input: JSON) {
        #expect(extract(input) == [])
        var set = IndicatorSet()
        IndicatorExtractor().collect(alert: input, into: &set)
        #expect(set.indicators.isEmpty)
    }

    @Test func evidenceNestedInEvidenceIsWalkedWithItsOwnVerdict() {
        let dns = evidence(
            "dnsEvidence",
            [
                "domainName": "c2.bad-domain.net",
                "ipAddresses": [
                    ["ipAddress": "45.141.84.12", "verdict": "noThreatsFound"],
                    ["ipAddress": "45.141.84.13"],
                ],
            ])
        let indicators = IndicatorExtractor().indicators(inAlert: alert([dns]))
        #expect(pairs(indicators) == ["ipv4 45.141.84.13", "domain c2.bad-domain.net"])
        #expect(indicators.map(\.verdicts) == [["malicious"], ["malicious"]])
    }

    @Test func deepNestingStops() {
        var nested: JSON = ["fileDetails": ["sha256": .string(EvidenceTypeTests.sha256A)]]
        for _ in 0..<40 { nested = ["@odata.type": "#microsoft.graph.security.malwareEvidence", "files": [nested]] }
        #expect(extract(alert([nested])) == [])
        var shallow: JSON = ["fileDetails": ["sha256": .string(EvidenceTypeTests.sha256A)]]
        for _ in 0..<3 { shallow = ["@odata.type": "#microsoft.graph.security.malwareEvidence", "files": [shallow]] }
        #expect(extract(alert([shallow])) == ["sha256 \(EvidenceTypeTests.sha256A)"])
    }

    @Test func pascalCaseEnumsAreUnderstood() throws {
        let input = alert(
            severity: "High",
            [
                [
                    "@odata.type": "#microsoft.graph.security.IpEvidence", "ipAddress": "45.141.84.10",
                    "verdict": "Malicious", "roles": ["Attacker", "CommandAndControl"],
                ],
                [
                    "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "45.141.84.11",
                    "verdict": "NoThreatsFound",
                ],
                [
                    "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "45.141.84.12",
                    "roles": ["Compromised"],
                ],
            ])
        let indicators = IndicatorExtractor().indicators(inAlert: input)
        #expect(pairs(indicators) == ["ipv4 45.141.84.10"])
        let first = try #require(indicators.first)
        #expect(first.severity == .high)
        #expect(first.verdicts == ["malicious"])
        #expect(first.roles == ["attacker", "commandAndControl"])
        let onlyAttackers = IndicatorPolicy(
            types: Set(Indicator.Kind.allCases), verdicts: ["malicious"], roles: ["attacker"], includePrivate: false)
        #expect(extract(input, policy: onlyAttackers) == ["ipv4 45.141.84.10"])
    }

    @Test func unknownEvidenceTypesAreSkippedAndCounted() {
        let input = alert([
            ["@odata.type": "#microsoft.graph.security.quantumEntanglementEvidence", "ipAddress": "45.141.84.10"],
            ["ipAddress": "45.141.84.11"],
            evidence("urlEvidence", ["url": "https://evil.example/"]),
        ])
        #expect(extract(input) == ["url https://evil.example/"])
        var set = IndicatorSet()
        IndicatorExtractor().collect(alert: input, into: &set)
        #expect(set.statistics.unknownEvidenceTypes == 2)
        #expect(pairs(set.indicators) == ["url https://evil.example/"])
    }
}
