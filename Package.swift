// swift-tools-version:6.0
import PackageDescription

// The shipped binary (`swift build -c release`) carries the Swift runtime and Foundation
// inside it: a process then starts without loading and relocating a dozen shared
// libraries, which made `gridwatch raise` about a third slower (README, Performance).
// The Foundation archives refer to each other, so they are linked as one group.
// Its own symbols are not exported (README, Performance: The shipped binary).
// Debug builds, which the tests use, stay dynamic: they link much faster.
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(
        ["-static-stdlib", "-Xlinker", "--start-group"]
            + ["Foundation", "CoreFoundation", "FoundationEssentials", "FoundationInternationalization", "_FoundationICU",
               "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
               "BlocksRuntime", "swiftCore", "stdc++"].map { "-l" + $0 }
            + ["-Xlinker", "--end-group"]
            // Nothing loads code from this binary by name, and the dynamic symbol table the
            // toolchain exports by default (44,000 names) is what `dladdr` scans at start-up.
            + ["-Xlinker", "--no-export-dynamic"],
        .when(configuration: .release)),
]

// gridwatch runs on Linux only: glibc, ncursesw, inotify, flock and getrandom.
// SwiftPM has no way to declare a Linux platform, so no Apple platform is listed.
let package = Package(
    name: "gridwatch",
    products: [
        .executable(name: "gridwatch", targets: ["gridwatch"]),
        .executable(name: "gridwatch-bench", targets: ["gridwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // Hardware CRC-32C and the few libc calls Swift cannot reach cleanly.
        .target(name: "CLogSupport"),
        .target(name: "DispatchCore"),
        // glibc wcwidth, locale set-up and async-signal-safe terminal restore.
        .target(name: "CShim"),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw"),
        .target(name: "TerminalUI", dependencies: ["CShim", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The only code that calls ncurses.
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "CShim", "TerminalUI"]),
        // The shipped themes are embedded from themes/*.toml through the Sources/Dashboard/themes link.
        .target(name: "Dashboard", dependencies: ["DispatchCore", "TerminalUI"],
                resources: ["default", "light", "high-contrast", "mono"].map { .embedInCode("themes/\($0).toml") }),
        .target(name: "Config", dependencies: ["DispatchCore", "Dashboard", "EventLog", "TerminalUI", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "EventLog", dependencies: ["CLogSupport"]),
        .target(
            name: "EventStore",
            dependencies: [
                "DispatchCore", "EventLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The PostgreSQL store behind the same protocols: one ordered, hash-chained stream
        // shared by consoles on many hosts.
        .target(
            name: "PostgresStore",
            dependencies: [
                "DispatchCore", "EventStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The console and wall loops, sweeper, ingest, handover and demo simulator, over
        // `any CaseStore` / `any CaseFeed`, a `Terminal` and a clock; and the one place
        // that opens a store from a --store argument.
        .target(name: "GridwatchRuntime", dependencies: ["Dashboard", "DispatchCore", "EventStore", "PostgresStore", "TerminalUI"]),
        // `gridwatch serve`: Open311 intake and the departments' work-order exchange over
        // HTTP, for principals named by hashed API keys in the access policy.
        .target(
            name: "GridwatchServe",
            dependencies: [
                "DispatchCore", "EventStore", "Config", "GridwatchRuntime", "TerminalUI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("openapi.json")]
        ),
        // The built-in Dalian hierarchy and agencies, embedded so the binary needs no files.
        .target(
            name: "DalianSample",
            dependencies: ["DispatchCore", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .executableTarget(
            name: "gridwatch",
            dependencies: [
                "DispatchCore", "EventLog", "EventStore", "DalianSample", "Dashboard", "TerminalUI", "NcursesBackend", "Config",
                "GridwatchRuntime", "GridwatchServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            linkerSettings: staticRuntime
        ),
        // Fuzz harnesses: a corpus replayer normally; libFuzzer targets when built by
        // Tests/Fuzz/run.sh with -sanitize=fuzzer,address -DFUZZING.
        .executableTarget(
            name: "gridwatch-fuzz",
            dependencies: ["DispatchCore", "EventLog", "EventStore", "TerminalUI", "Config"]
        ),
        // SQLite, the peer the benchmark compares against; nothing else links it.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // `swift run -c release gridwatch-bench`: figures side by side with SQLite (README, Performance).
        // It depends on `gridwatch` so that building it builds the binary it runs and measures.
        .executableTarget(
            name: "gridwatch-bench",
            dependencies: ["CSQLite", "DispatchCore", "EventStore", "TerminalUI", "Dashboard", "GridwatchRuntime", "GridwatchServe", "gridwatch",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DispatchCoreTests", dependencies: ["DispatchCore"]),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "CLogSupport"]),
        // The throwaway PostgreSQL server of `pg_virtualenv`, for the tests that need one.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "DispatchCore", "EventLog", "PostgresStore", "GridwatchRuntime", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Dashboard", "DispatchCore", "TerminalUI"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "DispatchCore", "TerminalUI"],
                    exclude: ["Golden"]),
        .testTarget(name: "RuntimeTests", dependencies: ["GridwatchRuntime", "Dashboard", "DispatchCore", "EventStore", "TerminalUI"]),
        .testTarget(name: "ServeUnitTests", dependencies: ["GridwatchServe", "Config", "DispatchCore"]),
        .testTarget(name: "CLITests", dependencies: ["gridwatch", "gridwatch-fuzz", "gridwatch-bench", "TerminalUI", "TestSupport"]),
    ]
)
