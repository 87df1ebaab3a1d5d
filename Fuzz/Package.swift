// swift-tools-version:6.0
// The fuzzing package: kept apart from the main package because its executable has no `main`
// (libFuzzer supplies it). Build and run it with `scripts/fuzz`.
import PackageDescription

let package = Package(
    name: "callbook-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "callbook", path: "..")],
    targets: [
        .executableTarget(
            name: "ChapterFuzzer",
            dependencies: [.product(name: "CallbookCore", package: "callbook")]
        ),
    ]
)
