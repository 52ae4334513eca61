import Testing

@testable import Diagnostics

@Suite struct DiagnosticRendererTests {
    let file = "jobs/defender.yaml"
    let source = "version: 1\nsources:\n\talerts:\n      severty: high\n"

    func location(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
        Diagnostics.SourceLocation(file: file, line: line, column: column)
    }

    @Test func textShowsTheLineACaretAndTheNotes() {
        let renderer = DiagnosticRenderer(sources: [file: source])
        let diagnostic = Diagnostic.error(
            "unknown key 'severty' in 'sources.alerts.filter'; did you mean 'severity'?", at: location(4, 7),
            notes: [.init("first defined here", at: location(1, 10)), .init("a note without a place")])
        #expect(
            renderer.render([diagnostic], format: .text) == """
                jobs/defender.yaml:4:7: error: unknown key 'severty' in 'sources.alerts.filter'; did you mean 'severity'?
                      severty: high
                      ^
                jobs/defender.yaml:1:10: note: first defined here
                version: 1
                         ^
                note: a note without a place

                """)
    }

    @Test func aTabInTheLineKeepsTheCaretAligned() {
        let renderer = DiagnosticRenderer(sources: [file: source])
        #expect(
            renderer.renderText(.warning("here", at: location(3, 2)))
                == "jobs/defender.yaml:3:2: warning: here\n\talerts:\n\t^\n")
    }

    @Test func noExcerptWithoutTheSourceOrALocation() {
        let renderer = DiagnosticRenderer()
        #expect(renderer.renderText(.error("gone", at: location(1, 1))) == "jobs/defender.yaml:1:1: error: gone\n")
        #expect(
            renderer.renderText(.error("no such file or folder: 'x'", at: nil))
                == "error: no such file or folder: 'x'\n")
    }

    @Test func jsonIsAnArrayWithSortedKeys() {
        let output = DiagnosticRenderer().render(
            [.error("bad", at: location(2, 3), notes: [.init("see", at: location(1, 1))])], format: .json)
        #expect(
            output == """
                [
                  {
                    "column" : 3,
                    "file" : "jobs/defender.yaml",
                    "line" : 2,
                    "message" : "bad",
                    "notes" : [
                      {
                        "column" : 1,
                        "file" : "jobs/defender.yaml",
                        "line" : 1,
                        "message" : "see"
                      }
                    ],
                    "severity" : "error"
                  }
                ]

                """)
    }

    @Test func githubAnnotationsEscapeTheirProperties() {
        let diagnostic = Diagnostic.warning(
            "100% sure\nsecond line", at: Diagnostics.SourceLocation(file: "a,b:c.yaml", line: 2, column: 5),
            notes: [.init("first here", at: location(1, 1))])
        #expect(
            DiagnosticRenderer().renderGitHub(diagnostic)
                == "::warning file=a%2Cb%3Ac.yaml,line=2,col=5::100%25 sure%0Asecond line%0Ajobs/defender.yaml:1:1: note: first here\n"
        )
        #expect(DiagnosticRenderer().renderGitHub(.error("x", at: nil)) == "::error::x\n")
    }
}

@Suite struct DiagnosticTests {
    @Test func sortedByLocationPutsPlacelessOnesFirstThenReadingOrder() {
        let a = Diagnostic.error("a", at: .init(file: "b.yaml", line: 1, column: 1))
        let b = Diagnostic.error("b", at: .init(file: "a.yaml", line: 2, column: 1))
        let c = Diagnostic.error("c", at: .init(file: "a.yaml", line: 1, column: 9))
        let d = Diagnostic.error("d", at: nil)
        #expect([a, b, c, d].sortedByLocation().map(\.message) == ["d", "c", "b", "a"])
        #expect([a].hasErrors)
        #expect(![Diagnostic.warning("w", at: nil)].hasErrors)
    }

    @Test func suggestionsFindTyposButNotStrangers() {
        #expect(Suggestion.didYouMean("severty", among: ["severity", "status"]) == "; did you mean 'severity'?")
        #expect(Suggestion.didYouMean("High", among: ["high", "low"]) == "; did you mean 'high'?")
        #expect(Suggestion.didYouMean("stauts", among: ["status"]) == "; did you mean 'status'?")
        #expect(Suggestion.didYouMean("retries", among: ["retry", "checkpoint"]) == "")
        #expect(Suggestion.didYouMean("name", among: ["name"]) == "")
        #expect(Suggestion.nearest(to: "xyz", among: ["abc"]) == nil)
    }
}
