import Diagnostics
import JobSpec
import Testing

/// Every `Fixtures/invalid/NAME.yaml` beside `NAME.expected`: the exact text `temsync validate` prints for it.
@Suite struct InvalidFixtureTests {
    @Test(arguments: Fixtures.names(in: "invalid"))
    func producesExactlyTheExpectedDiagnostics(name: String) throws {
        let path = "invalid/\(name)"
        let set = try Fixtures.load(path)
        let actual = ValidationReport(set).render(format: .text)
        let expected = try Fixtures.text("invalid/\(name.dropLast(5)).expected")
        #expect(actual == expected)
        #expect(!set.isValid)
        for diagnostic in set.diagnostics where diagnostic.severity == .error {
            #expect(diagnostic.location?.file == path)
        }
    }

    @Test func thereIsAnExpectedFileForEveryInvalidFixture() {
        #expect(Fixtures.names(in: "invalid").count >= 14)
    }
}

@Suite struct ValidFixtureTests {
    @Test(arguments: Fixtures.names(in: "valid"))
    func bindsWithoutAnyDiagnostic(name: String) throws {
        let set = try Fixtures.load("valid/\(name)")
        #expect(set.diagnostics == [])
        #expect(!set.jobs.isEmpty)
    }

    @Test func theExampleJobsAreValid() {
        let set = JobLoader().load(paths: [Fixtures.examplesFolder.path])
        #expect(set.diagnostics == [])
        #expect(
            set.jobs.map(\.name.value).sorted() == [
                "alert-archive", "alert-archive-csv", "firewall-indicators", "high-severity-incidents",
            ])
        #expect(set.connections.compactMap(\.name?.value) == ["contoso-prod"])
    }
}
