// swift-tools-version:6.1
import PackageDescription

// Benchmarks for warmpath (not built by CI). Build in release:
//   cd Benchmarks && swift build -c release --scratch-path .build-bench
//   .build-bench/release/warmpath-bench graph --size S --csv /tmp/bench-data/trust-S.csv ...
// or run `bash compare.sh S` (ours next to the peers).
let package = Package(
    name: "warmpath-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "warmpath", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "warmpath-bench",
            dependencies: [.product(name: "WarmPathKit", package: "warmpath")]
        )
    ],
    swiftLanguageModes: [.v6]
)
