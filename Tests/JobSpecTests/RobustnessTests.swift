import Diagnostics
import Foundation
import JobSpec
import Testing

/// A small deterministic generator (SplitMix64), so every run mutates the same way.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates valid job files at random and checks that loading never crashes and that every error points into the
/// file it is about.
@Suite struct RobustnessTests {
    static let fragments: [[UInt8]] =
        [
            ":", "-", " ", "\t", "{", "}", "[", "]", "&a", "*a", "<<: *a", "\"", "'", "#", "!", "!!str", "|", ">", "\n",
            "\n  ", "null", "~", "true", "yes", "0x1F", "1e400", "99999999999999999999", "version: 9",
            "kind: connection",
            "---\n", "...\n", "é", "😀", "%YAML 1.2\n", "? ", ",",
        ].map { Array($0.utf8) } + [[0xFF], [0x00], [0xC3], [0xEF, 0xBB, 0xBF], [0x01]]

    static func bases() throws -> [(String, [UInt8])] {
        var bases: [(String, [UInt8])] = []
        for name in Fixtures.names(in: "valid") {
            bases.append((name, Array(try Fixtures.text("valid/\(name)").utf8)))
        }
        let examples = Fixtures.examplesFolder
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        where name.hasSuffix(".yaml") {
            bases.append(
                (name, Array(try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8).utf8)))
        }
        return bases
    }

    static func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !result.isEmpty else { break }
            let index = Int.random(in: 0..<result.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0: result.remove(at: index)
            case 1: result.insert(contentsOf: fragments.randomElement(using: &random)!, at: index)
            case 2: result[index] = fragments.randomElement(using: &random)!.first!
            case 3:
                // Delete from here to the end of the line.
                let end = result[index...].firstIndex(of: 10) ?? result.count
                result.removeSubrange(index..<end)
            case 4:
                // Duplicate a line.
                let start = result[..<index].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let end = result[index...].firstIndex(of: 10).map { $0 + 1 } ?? result.count
                result.insert(contentsOf: result[start..<end], at: start)
            case 5:
                // Change the indentation of a line.
                let start = result[..<index].lastIndex(of: 10).map { $0 + 1 } ?? 0
                if Bool.random(using: &random) {
                    result.insert(contentsOf: [32, 32], at: start)
                } else if start < result.count, result[start] == 32 {
                    result.remove(at: start)
                }
            default:
                // Swap two lines.
                var lines = result.split(separator: 10, omittingEmptySubsequences: false)
                if lines.count > 2 {
                    let other = Int.random(in: 0..<lines.count, using: &random)
                    let line = lines.firstIndex { $0.startIndex <= index && index <= $0.endIndex } ?? 0
                    lines.swapAt(line, other)
                    result = Array(lines.joined(separator: [10]))
                }
            }
        }
        return result
    }

    @Test func mutatedJobFilesNeverCrashAndEveryErrorHasALocationInsideTheFile() throws {
        var random = SeededGenerator(state: 20_261_127)
        let bases = try Self.bases()
        #expect(bases.count >= 7)
        var invalid = 0
        for round in 0..<4000 {
            let (name, bytes) = bases[round % bases.count]
            let mutated = Self.mutate(bytes, using: &random)
            let path = "mutated-\(round)-\(name)"
            let text = String(decoding: mutated, as: UTF8.self)
            let set = JobLoader().load(texts: [(path, text)])
            _ = ValidationReport(set).render(format: .text)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for diagnostic in set.diagnostics {
                guard let location = diagnostic.location else {
                    Issue.record("no location: \(diagnostic) in round \(round)")
                    continue
                }
                #expect(location.file == path)
                #expect(location.line >= 1 && location.line <= lineCount + 1, "round \(round): \(diagnostic)")
                #expect(location.column >= 1, "round \(round): \(diagnostic)")
            }
            if set.diagnostics.hasErrors { invalid += 1 }
        }
        // Most mutations break something; a mutation test that never produces an error tests nothing.
        #expect(invalid > 2000)
    }
}
