import Testing

@testable import Mapping

@Suite struct UUIDv5Tests {
    @Test func matchesRFCExamples() throws {
        // Python's documentation: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
        let dns = try #require(UUIDv5.bytes(of: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(UUIDv5.make(namespace: dns, name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test func namespacesAreDerivedAsDocumented() throws {
        let url = try #require(UUIDv5.bytes(of: "6ba7b811-9dad-11d1-80b4-00c04fd430c8"))
        #expect(UUIDv5.make(namespace: url, name: "urn:temsync:indicator") == UUIDv5.format(UUIDv5.indicatorNamespace))
        #expect(UUIDv5.make(namespace: url, name: "urn:temsync:record") == UUIDv5.format(UUIDv5.recordNamespace))
    }

    @Test func indicatorIDs() {
        #expect(Indicator.id(type: .ipv4, value: "45.141.84.10") == "f2790f5a-0424-56bc-9f40-5076654ef6af")
        #expect(Indicator(type: .ipv4, value: "45.141.84.10").id == "f2790f5a-0424-56bc-9f40-5076654ef6af")
        #expect(UUIDv5.bytes(of: "not-a-uuid") == nil)
    }
}
