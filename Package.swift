// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "warmpath",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "warmpath", targets: ["warmpath"]),
        .library(name: "WarmPathKit", targets: ["WarmPathKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .target(
            name: "WarmPathKit",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "warmpath",
            dependencies: [
                "WarmPathKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WarmPathKitTests",
            dependencies: ["WarmPathKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
