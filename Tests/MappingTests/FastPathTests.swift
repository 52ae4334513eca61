import Foundation
import GraphEmulator
import JSON
import Testing

@testable import Mapping

/// The shortcuts taken for speed give what the general code gives, on the emulator's generated alerts.
@Suite struct FastPathTests {
    static let dataSet = GeneratedDataSet(
        GeneratorOptions(seed: 11, alertCount: 400, end: Date(timeIntervalSince1970: 1_770_000_000)))

    static var alerts: [JSON] { (0..<dataSet.alertCount).map { dataSet.alert($0) } }

    @Test func evidenceKindOfEverySpelling() {
        for kind in EvidenceKind.allCases {
            #expect(EvidenceKind(odataType: "#microsoft.graph.security." + kind.name) == kind)
            #expect(EvidenceKind(odataType: "microsoft.graph.security." + kind.name) == kind)
            #expect(EvidenceKind(odataType: kind.name) == kind)
            #expect(EvidenceKind(odataType: "#Microsoft.Graph.Security." + kind.name.uppercased()) == kind)
            #expect(EvidenceKind(odataType: "#microsoft.graph.security." + kind.name + "x") == nil)
        }
        #expect(EvidenceKind(odataType: "#microsoft.graph.security.") == nil)
        #expect(EvidenceKind(odataType: "#microsoft.graph.security.ipEvidenc") == nil)
        #expect(EvidenceKind(odataType: "") == nil)
    }

    @Test func evidenceKindsOfGeneratedAlerts() {
        var seen = 0
        for alert in Self.alerts {
            guard case .array(let evidence)? = alert.member("evidence") else { continue }
            for case .object(let object) in evidence {
                guard case .string(let type)? = object.member("@odata.type") else { continue }
                let name = String(type.split(separator: ".").last ?? "")
                let expected = EvidenceKind.allCases.first { $0.name.lowercased() == name.lowercased() }
                #expect(EvidenceKind(odataType: type) == expected, "\(type)")
                seen += 1
            }
        }
        #expect(seen > 400)
    }

    /// An id's hex digits, made eight at a time, are the ones written byte by byte, in the same places.
    @Test func uuidHexDigitsMatchBytewiseFormatting() throws {
        var state: UInt32 = 0x9E37_79B9
        var words: [UInt32] = [0, .max]
        for position in 0..<4 {
            for byte in 0...255 {
                words.append(UInt32(byte) << (8 * position) | 0x0F0F_0F0F & ~(0xFF << (8 * position)))
            }
        }
        for _ in 0..<2000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            words.append(state)
        }
        for word in words {
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
            let digits = UUIDv5.hexDigits(word)
            let text = String(decoding: (0..<8).map { UInt8(truncatingIfNeeded: digits >> (8 * $0)) }, as: UTF8.self)
            #expect(text == UUIDv5.format(bytes))
        }
        for alert in Self.alerts.prefix(100) {
            for indicator in IndicatorExtractor().indicators(inAlert: alert) {
                let bytes = try #require(UUIDv5.bytes(of: indicator.id))
                #expect(UUIDv5.format(bytes) == indicator.id)
                #expect(bytes[6] >> 4 == 5 && bytes[8] >> 6 == 2)
            }
        }
    }

    /// Digests checked eight bytes at a time are judged as byte by byte: every kind of byte at every position.
    @Test func hashWordScanMatchesBytewiseScan() {
        let hex = Array("0123456789abcdefABCDEF".utf8)
        let odd = Array("0aFg G\t\n\r/:@`GZz\u{7F}".utf8) + [0xC3, 0xA9, 0]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var checked = 0
        for length in [0, 7, 8, 9, 16, 31, 32, 33, 40, 41, 64, 65] {
            for _ in 0..<300 {
                var bytes = (0..<length).map { _ in hex[next(hex.count)] }
                if length > 0, next(4) > 0 {
                    for _ in 0...next(2) { bytes[next(length)] = odd[next(odd.count)] }
                }
                if next(8) == 0 { bytes = bytes.map { _ in UInt8(ascii: "0") } }
                let text = String(decoding: bytes, as: UTF8.self)
                for claimed in [nil, Indicator.Kind.md5, .sha1, .sha256] {
                    let fast = IndicatorNormalizer.hash(text, claimed: claimed)
                    let reference = Self.bytewiseHash(text, claimed: claimed)
                    #expect(fast?.0 == reference?.0 && fast?.1 == reference?.1, "\(text.debugDescription)")
                    checked += 1
                }
            }
        }
        #expect(checked == 12 * 300 * 4)
    }

    /// `IndicatorNormalizer.hash` as it was, one byte at a time.
    static func bytewiseHash(_ text: String, claimed: Indicator.Kind?) -> (Indicator.Kind, String)? {
        var hasUpper = false
        var nonZero = false
        for byte in text.utf8 {
            switch byte {
            case 48: break
            case 49...57, 97...102: nonZero = true
            case 65...70:
                nonZero = true
                hasUpper = true
            case 32, 9, 10, 13:
                let trimmed = Substring(text.utf8.drop { $0 <= 32 })
                let end =
                    trimmed.utf8.lastIndex { $0 > 32 }.map { trimmed.utf8.index(after: $0) } ?? trimmed.startIndex
                let value = String(trimmed[..<end])
                guard !value.isEmpty, !value.utf8.contains(where: { $0 <= 32 }) else { return nil }
                return bytewiseHash(value, claimed: claimed)
            default: return nil
            }
        }
        guard nonZero else { return nil }
        let kind: Indicator.Kind
        switch text.utf8.count {
        case 32: kind = .md5
        case 40: kind = .sha1
        case 64: kind = .sha256
        default: return nil
        }
        if let claimed, claimed != kind { return nil }
        let value = hasUpper ? text.lowercased() : text
        guard IndicatorNormalizer.emptyFileHash(kind) != value else { return nil }
        return (kind, value)
    }

    /// Every IPv6 group value is written as `String(_:radix:)` writes it.
    @Test func ipv6GroupsInHex() {
        for value in UInt64(0)...0xFFFF {
            let address = IPAddress.v6(value << 48 | 0x0001_0001_0001, 0x0001_0001_0001_0001)
            let expected = String(value, radix: 16) + ":1:1:1:1:1:1:1"
            #expect(address.canonical == expected)
        }
        // Runs of zero groups anywhere (the longest, first, of two or more becomes `::`): the text reads back.
        var state: UInt64 = 7
        for _ in 0..<5000 {
            var halves: (UInt64, UInt64) = (0, 0)
            for position in 0..<8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let group = state >> 61 < 4 ? 0 : state >> 48
                if position < 4 {
                    halves.0 |= group << (48 - 16 * position)
                } else {
                    halves.1 |= group << (48 - 16 * (position - 4))
                }
            }
            let address = IPAddress.v6(halves.0, halves.1)
            guard halves.0 != 0 || halves.1 >> 32 != 0xFFFF else { continue }  // an IPv4-mapped address
            #expect(IPAddress(address.canonical) == address, "\(address.canonical)")
            #expect(address.canonical.utf8.count <= 39)
        }
    }

    /// The set's own index finds each (type, value) where a dictionary would, across several growths.
    @Test func entryIndexMatchesADictionary() {
        var set = IndicatorSet()
        var reference: [String: Int] = [:]
        for alert in Self.alerts {
            for indicator in IndicatorExtractor().indicators(inAlert: alert) {
                // Each value also under a second type, so equal values of different types stay apart.
                for kind in [indicator.type, .email] {
                    let position = set.position(kind: kind, value: indicator.value)
                    let key = "\(kind.rawValue) \(indicator.value)"
                    #expect(reference[key, default: position] == position)
                    reference[key] = position
                }
            }
        }
        #expect(set.count == reference.count)
        #expect(set.count > 1000)
        #expect(Set(reference.values) == Set(0..<set.count))
    }

    /// Output order: type, then value byte-wise, whatever prefix the values share.
    @Test func sortedPositionsMatchAPlainSort() {
        var set = IndicatorSet()
        let extractor = IndicatorExtractor()
        for alert in Self.alerts { extractor.collect(alert: alert, into: &set) }
        let values = [
            "https://evil.example/a", "https://evil.example/", "https://evil.example/a/b",
            "https://evil.example/a\u{1}",
            "https://evil.example", "https://evil.exampl", "https://evil.exampl/é", "https://evil.example/a/a",
        ]
        for value in values { set.insert(Indicator(type: .url, value: value)) }
        for value in ["a.example", "a.exampl", "a.example.com", "aa.example", "a-b.example"] {
            set.insert(Indicator(type: .domain, value: value))
        }
        let sorted = set.sortedPositions.map { (set.entries[$0].kind, set.entries[$0].value) }
        let emitted = set.entries.filter { !set.assets.contains($0.value) }
        #expect(emitted.count < set.entries.count)  // some values are the organisation's, left out
        let expected = emitted.map { ($0.kind, $0.value) }.sorted { lhs, rhs in
            lhs.0 != rhs.0 ? lhs.0.rank < rhs.0.rank : Array(lhs.1.utf8).lexicographicallyPrecedes(Array(rhs.1.utf8))
        }
        #expect(sorted.count == emitted.count)
        #expect(sorted.map { "\($0.0) \($0.1)" } == expected.map { "\($0.0) \($0.1)" })
    }

    /// The cached `roles`, `verdicts` and `evidence_types` lists of indicator records are the sorted sets of the
    /// record's indicator.
    @Test func cachedListsOfIndicatorRecords() throws {
        let program = try compile(MappingRules(emit: located(.indicators, 1, 7)))
        var set = program.makeIndicatorSet()
        for alert in Self.alerts { program.collect(alert: alert, into: &set) }
        set.insert(
            Indicator(
                type: .ipv4, value: "45.141.84.10", id: Indicator.id(type: .ipv4, value: "45.141.84.10"),
                roles: ["attacker", "madeUpRole"], evidenceTypes: ["madeUpEvidence"]))
        let records = program.records(from: set)
        #expect(records.count > 100)
        func list(_ names: Set<String>) -> JSON { .array(names.sorted(by: Bytewise.less).map(JSON.string)) }
        for record in records {
            let indicator = try #require(record.indicators.first)
            #expect(record.fields["roles"] == list(indicator.roles))
            #expect(record.fields["verdicts"] == list(indicator.verdicts))
            #expect(record.fields["evidence_types"] == list(indicator.evidenceTypes))
            #expect(record.fields["alert_ids"] == list(indicator.alertIDs))
            #expect(record.fields["incident_ids"] == list(indicator.incidentIDs))
        }
    }
}
