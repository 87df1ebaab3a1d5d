// swift-tools-version:6.0
import PackageDescription

/// The folder of the linker script that `-lcurl` finds first (see Sources/CurlOnDemand).
let curlOnDemandLink = String(#filePath.dropLast("Package.swift".count)) + "Sources/CurlOnDemand/link"

let package = Package(
    name: "callbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "callbook", targets: ["callbook"]),
        .library(name: "CallbookCore", targets: ["CallbookCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CBtparse",
            providers: [.apt(["libbtparse-dev"])]
        ),
        .target(
            name: "CallbookCore",
            dependencies: [
                "CCmark",
                "CBtparse",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // libcurl loaded when first called, not at every start (see curl-on-demand.c).
        .target(name: "CurlOnDemand", exclude: ["link"]),
        .executableTarget(
            name: "callbook",
            dependencies: [
                "CallbookCore",
                "CurlOnDemand",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // `-lcurl` finds CurlOnDemand's linker script first: libcurl only as needed. On Linux
            // the toolchain's lld packs the executable's 88,000 relative relocations (RELR): the
            // loader applies them at every start, 2 ms of a process that is itself a few ms when
            // nothing changed (the executable stays position-independent).
            linkerSettings: [
                .unsafeFlags(["-L", curlOnDemandLink]),
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "CallbookCoreTests",
            dependencies: ["CallbookCore", "callbook", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
