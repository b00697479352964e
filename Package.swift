// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Agon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "agon", targets: ["agon"]),
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
        .executableTarget(
            name: "agon",
            dependencies: [
                "AgonCore", "AgonTUI", "AgonTerminal", "AgonCollect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AgonCoreTests", dependencies: ["AgonCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgonCollectTests", dependencies: ["AgonCollect", "AgonCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgonTUITests", dependencies: ["AgonTUI", "AgonCore"], exclude: ["Snapshots"]),
        // The built `agon` binary as a person runs it: the rating screen in tmux, the commands, and
        // the crash, kill and storage-fault campaign.
        .testTarget(name: "AgonEndToEndTests", dependencies: ["AgonCore", "agon"], exclude: ["Fixtures"]),
    ]
)
