// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Agon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "agon", targets: ["agon"]),
        .executable(name: "agon-bench", targets: ["agon-bench"]),
        .library(name: "AgonCore", targets: ["AgonCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The only C the project has: ncursesw's wide-character API and the macros Swift cannot import.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Pure core: studies, rubrics, schedules, journals, statistics. Knows nothing of terminals.
        .target(
            name: "AgonCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The rating screen as values: state, update, render to a canvas. No ncurses here either.
        .target(name: "AgonTUI", dependencies: ["AgonCore"]),
        // The one place that talks to the terminal.
        .target(name: "AgonTerminal", dependencies: ["AgonTUI", "CNcurses"]),
        // What both command-line tools share: failures a person can act on, loading a study or
        // opening a session for a command, the entry point that prints failures plainly.
        .target(
            name: "AgonCommandLine",
            dependencies: ["AgonCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The only code that talks to inference servers (HTTP, server-sent events), one small adapter
        // a server kind; it hands answers and records to the core.
        .target(
            name: "AgonCollect",
            dependencies: [
                "AgonCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Only its server-sent events reader (mattt/EventSource 1.1.1 does not build on Linux:
                // its client needs URLSession.bytes, which FoundationNetworking lacks).
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
        // The product: only the commands a researcher or rater runs.
        .executableTarget(
            name: "agon",
            dependencies: [
                "AgonCore", "AgonTUI", "AgonTerminal", "AgonCommandLine", "AgonCollect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // For developers and the tests: benchmarks that print figures, and the scripted rater the
        // fault tests drive. Runs the `agon` built beside it.
        .executableTarget(
            name: "agon-bench",
            dependencies: [
                "AgonCore", "AgonTUI", "AgonTerminal", "AgonCommandLine", "AgonCollect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AgonCoreTests", dependencies: ["AgonCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgonCollectTests", dependencies: ["AgonCollect", "AgonCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgonTUITests", dependencies: ["AgonTUI", "AgonCore"], exclude: ["Snapshots"]),
        // The built `agon` binary as a person runs it: the rating screen in tmux, the commands, and
        // the crash, kill and storage-fault campaign (driven by `agon-bench scripted-rater`).
        .testTarget(name: "AgonEndToEndTests", dependencies: ["AgonCore", "agon", "agon-bench"], exclude: ["Fixtures"]),
    ]
)
