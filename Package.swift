// swift-tools-version:6.2
import PackageDescription

// The flow is one direction (docs/ARCHITECTURE.md): no target imports one that stands later in this list.
let package = Package(
    name: "temsync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "temsync", targets: ["temsync"]),
        .executable(name: "temsync-bench", targets: ["temsync-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // libyaml through pkg-config `yaml-0.1` (Debian `libyaml-dev`).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // zlib through pkg-config `zlib` (Debian `zlib1g-dev`): gzip request bodies of the HTTP output.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Source locations and diagnostics shared by every stage that reports on a job file.
        .target(name: "Diagnostics"),
        // libyaml events -> a Sendable node tree with line:column marks.
        .target(name: "YAML", dependencies: ["Diagnostics", "CYAML"]),
        // A JSON value with a fast byte parser and a deterministic writer.
        .target(name: "JSON"),
        // The job file schema: binding with diagnostics, secret references, JSON Schema, the loader.
        .target(name: "JobSpec", dependencies: ["YAML", "Diagnostics", "JSON"]),
        // HTTP plumbing shared by the Graph client and the outputs: client factory (proxy, TLS trust),
        // retry policy, Retry-After, capped body reads, redacted secrets.
        .target(
            name: "Transport",
            dependencies: [
                "JSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Microsoft Graph security client: clouds, token, OData, paging, throttling.
        .target(
            name: "GraphSecurity",
            dependencies: [
                "JSON", "Transport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Field-mapping engine and threat-indicator extraction over JSON values.
        .target(
            name: "Mapping",
            dependencies: ["JSON", "Diagnostics", "CSHA1", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SHA-1 with the x86 SHA extensions for name-based UUIDs (short names: no library set-up per hash).
        .target(name: "CSHA1"),
        // Output targets: file, stdout, EDL, STIX, HTTP; all-or-nothing delivery.
        .target(
            name: "Outputs",
            dependencies: [
                "JSON", "Mapping", "Transport", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // A faithful local Microsoft Graph security API + identity platform token endpoint.
        .target(
            name: "GraphEmulator",
            dependencies: [
                "JSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // Compile JobSpec -> Plan; execute plans; checkpoints; run report.
        .target(
            name: "Runner",
            dependencies: [
                "Diagnostics", "YAML", "JobSpec", "JSON", "Transport", "GraphSecurity", "Mapping", "Outputs",
                "GraphEmulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: thin, parses options and calls Runner.
        .executableTarget(
            name: "temsync",
            dependencies: [
                "Runner", "JobSpec", "Diagnostics", "GraphEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks (never tests): print figures.
        .executableTarget(
            name: "temsync-bench",
            dependencies: [
                "JobSpec", "YAML", "JSON", "GraphSecurity", "GraphEmulator", "Mapping", "Outputs", "Runner",
                "Transport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Shared test support: tinyproxy, throwaway CAs, temporary folders, in-memory logs.
        .target(
            name: "TemsyncTesting",
            dependencies: [
                "JSON", "GraphEmulator",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Diagnostics"]),
        .testTarget(
            name: "JobSpecTests",
            dependencies: ["JobSpec", "YAML", "Diagnostics", "Runner", "TemsyncTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport", "TemsyncTesting", "GraphEmulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GraphSecurityTests",
            dependencies: [
                "GraphSecurity", "Transport", "GraphEmulator", "JSON", "TemsyncTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MappingTests",
            dependencies: [
                "Mapping", "JSON", "Diagnostics", "GraphEmulator", "TemsyncTesting", "CSHA1",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"]  // read from the source tree by path (see Support/TestSupport.swift)
        ),
        .testTarget(
            name: "OutputsTests",
            dependencies: [
                "Outputs", "Mapping", "JSON", "Transport", "TemsyncTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GraphEmulatorTests",
            dependencies: [
                "GraphEmulator", "JSON", "TemsyncTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "RunnerTests",
            dependencies: [
                "Runner", "JobSpec", "YAML", "Diagnostics", "JSON", "GraphEmulator", "GraphSecurity", "Mapping",
                "Outputs", "Transport", "TemsyncTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "temsyncTests",
            dependencies: [
                "temsync", "JSON", "GraphEmulator", "TemsyncTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
