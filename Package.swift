// swift-tools-version:6.0
import PackageDescription

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
            pkgConfig: "libcmark",
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
        .executableTarget(
            name: "callbook",
            dependencies: [
                "CallbookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "CallbookCoreTests",
            dependencies: ["CallbookCore", "callbook", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
