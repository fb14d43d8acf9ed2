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
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .systemLibrary(
            name: "CInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Layers, each importing only the ones before it:
        // Support <- Model <- Import <- Analysis <- Report <- Pipeline <- WarmPathKit (umbrella).
        .target(name: "WarmPathSupport"),
        .target(name: "WarmPathModel", dependencies: ["WarmPathSupport"]),
        .target(
            name: "WarmPathImport",
            dependencies: [
                "WarmPathSupport", "WarmPathModel", "CLibXML2", "CInflate", "CLibical",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "WarmPathAnalysis",
            dependencies: [
                "WarmPathSupport", "WarmPathModel", "WarmPathImport",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "WarmPathReport",
            dependencies: ["WarmPathSupport", "WarmPathModel", "WarmPathImport", "WarmPathAnalysis"]
        ),
        .target(
            name: "WarmPathPipeline",
            dependencies: ["WarmPathSupport", "WarmPathModel", "WarmPathImport", "WarmPathAnalysis", "WarmPathReport"]
        ),
        .target(
            name: "WarmPathKit",
            dependencies: [
                "WarmPathSupport", "WarmPathModel", "WarmPathImport", "WarmPathAnalysis", "WarmPathReport",
                "WarmPathPipeline",
            ]
        ),
        .target(
            name: "WarmPathStore",
            dependencies: [
                "WarmPathKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "warmpath",
            dependencies: [
                "WarmPathKit",
                "WarmPathStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WarmPathKitTests",
            dependencies: [
                "WarmPathKit", "WarmPathSupport", "WarmPathModel", "WarmPathImport", "WarmPathAnalysis",
                "WarmPathReport", "WarmPathPipeline",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "WarmPathStoreTests",
            dependencies: [
                "WarmPathStore", "WarmPathKit", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
