import CSHA1
import Crypto
import Testing

@testable import GraphEmulator
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

    /// The SHA extensions' SHA-1 (`CSHA1`, used where the CPU has them) gives swift-crypto's digest for every length
    /// around the block and padding boundaries, and for random names; so does the fallback for CPUs without them.
    @Test func sha1WithTheCPUsExtensionsMatchesSwiftCrypto() {
        var random = SplitMix64(seed: 99)
        var hashedByCPU = 0
        for length in Array(0...300) + (0..<200).map({ _ in random.int(0...2000) }) {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let expected = Array(Insecure.SHA1.hash(data: message))
            var digest = [UInt8](repeating: 0, count: 20)
            if csha1_hash(message, message.count, &digest) == 1 {
                hashedByCPU += 1
                #expect(digest == expected, "length \(length)")
            }
            let words = message.withUnsafeBufferPointer { UUIDv5.digestWords($0) }
            let libraryWords = message.withUnsafeBufferPointer { UUIDv5.digestWords($0, hardware: false) }
            let expectedWords = expected.withUnsafeBytes {
                (
                    $0.loadUnaligned(as: UInt64.self).littleEndian,
                    $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
                )
            }
            #expect(words == expectedWords, "length \(length)")
            #expect(libraryWords == expectedWords, "length \(length)")
        }
        // Either every message or none went through the extensions (the CPU has them or not).
        #expect(hashedByCPU == 0 || hashedByCPU == 501)
    }
}
