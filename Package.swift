// swift-tools-version: 6.1
import PackageDescription

/// Upcoming language features every Seedbed target opts into (see STYLE.md).
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Seedbed",
    products: [
        .executable(name: "seedbed", targets: ["seedbed"]),
        .library(name: "SeedbedSpec", targets: ["SeedbedSpec"]),
        .library(name: "SeedbedEngine", targets: ["SeedbedEngine"]),
        .library(name: "SeedbedStores", targets: ["SeedbedStores"]),
        .library(name: "SeedbedProfile", targets: ["SeedbedProfile"]),
        .library(name: "SeedbedScore", targets: ["SeedbedScore"]),
        .library(name: "SeedbedCatalog", targets: ["SeedbedCatalog"]),
        .library(name: "SeedbedFeedback", targets: ["SeedbedFeedback"]),
        .library(name: "SeedbedReport", targets: ["SeedbedReport"]),
        .library(name: "SeedbedCommands", targets: ["SeedbedCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - C libraries (pkg-config names; only SeedbedStores and SeedbedFeedback import them)
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // MARK: - Libraries
        .target(name: "SeedbedSpec", swiftSettings: upcoming),
        .target(
            name: "SeedbedEngine", dependencies: ["SeedbedSpec"], resources: [.copy("Resources")],
            swiftSettings: upcoming),
        .target(
            name: "SeedbedStores",
            dependencies: ["SeedbedSpec", "SeedbedEngine", "CSQLite", "CLibPQ"],
            swiftSettings: upcoming),
        // Pure Swift: aggregate statistics of a production source, read through `ProfileSource`.
        .target(name: "SeedbedProfile", dependencies: ["SeedbedSpec"], swiftSettings: upcoming),
        // Pure Swift: metrics over columns of values; the stores read the data, the commands wire it.
        // Gate policies are YAML read through Yams (its libyaml is vendored C, no system library).
        .target(
            name: "SeedbedScore", dependencies: ["SeedbedSpec", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming),
        // Dataset versions, lineage and signed certificates, stored through SeedbedStores.
        .target(
            name: "SeedbedCatalog",
            dependencies: [
                "SeedbedSpec", "SeedbedEngine", "SeedbedStores", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming),
        // JUnit XML through libxml2's streaming reader (FoundationEssentials only, see docs/junit.md),
        // stored in and analysed from the catalog (the catalog knows no JUnit, so no libxml2).
        .target(
            name: "SeedbedFeedback", dependencies: ["CLibXML2", "SeedbedCatalog", "SeedbedSpec", "SeedbedEngine", "SeedbedStores"],
            swiftSettings: upcoming),
        // The static report site (HTML through Mustache templates, inline SVG) and Markdown summaries,
        // read from the catalog and SeedbedFeedback's analyses of its test runs.
        .target(
            name: "SeedbedReport",
            dependencies: [
                "SeedbedSpec", "SeedbedScore", "SeedbedCatalog", "SeedbedFeedback",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: upcoming),
        .target(
            name: "SeedbedCommands",
            dependencies: [
                "SeedbedSpec", "SeedbedEngine", "SeedbedStores", "SeedbedProfile", "SeedbedScore", "SeedbedCatalog",
                "SeedbedFeedback", "SeedbedReport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming),
        .executableTarget(
            name: "seedbed",
            dependencies: [
                "SeedbedCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming),

        // MARK: - Tests
        .target(name: "SeedbedTestSupport", dependencies: ["SeedbedSpec"], swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedSpecTests",
            dependencies: [
                "SeedbedSpec", "SeedbedTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Snapshots", "Fixtures"],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedEngineTests",
            dependencies: [
                "SeedbedEngine", "SeedbedSpec", "SeedbedTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedStoresTests",
            dependencies: [
                "SeedbedStores", "SeedbedEngine", "SeedbedSpec", "SeedbedTestSupport", "CSQLite",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedProfileTests",
            dependencies: ["SeedbedProfile", "SeedbedSpec", "SeedbedTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedScoreTests",
            dependencies: [
                "SeedbedScore", "SeedbedSpec", "SeedbedTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["SDMetricsReference.py"],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedCatalogTests",
            dependencies: ["SeedbedCatalog", "SeedbedStores", "SeedbedEngine", "SeedbedSpec", "SeedbedTestSupport"],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedFeedbackTests",
            dependencies: [
                "SeedbedFeedback", "SeedbedCatalog", "SeedbedStores", "SeedbedTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedCommandsTests",
            dependencies: [
                "SeedbedCommands", "SeedbedSpec", "SeedbedEngine", "SeedbedStores", "SeedbedProfile", "SeedbedCatalog",
                "SeedbedFeedback", "SeedbedTestSupport",
            ],
            swiftSettings: upcoming),
        .testTarget(
            name: "SeedbedReportTests",
            dependencies: ["SeedbedReport", "SeedbedCatalog", "SeedbedFeedback", "SeedbedSpec", "SeedbedTestSupport"],
            exclude: ["Snapshots", "Fixtures"],
            swiftSettings: upcoming),
    ],
    swiftLanguageModes: [.v6]
)
