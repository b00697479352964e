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
        .executableTarget(
            name: "agon",
            dependencies: [
                "AgonCore", "AgonTUI", "AgonTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AgonCoreTests", dependencies: ["AgonCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgonTUITests", dependencies: ["AgonTUI", "AgonCore"], exclude: ["Snapshots"]),
        // The built `agon` binary as a person runs it: the rating screen in tmux, the commands, and
        // the crash, kill and storage-fault campaign.
        .testTarget(name: "AgonEndToEndTests", dependencies: ["AgonCore", "agon"], exclude: ["Fixtures"]),
    ]
)
