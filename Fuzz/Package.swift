// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for warmpath's readers (not built by CI, not part of the root package).
// Linux only; build and run one target with `scripts/fuzz.sh TARGET SECONDS` (see docs/fuzzing.md):
//   cd Fuzz && swift build -c debug --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build-fuzz/debug/fuzz-csv CORPUS_DIR -max_total_time=60
let readers = [
    "csv", "linkedin", "facebook", "twitter", "contacts", "graphml", "gexf", "nodelink", "gml", "pajek", "zip",
    "config", "mail",
]

let package = Package(
    name: "warmpath-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "warmpath", path: "..")
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", .product(name: "WarmPathKit", package: "warmpath")]
        ),
    ]
        + readers.map { reader in
            .executableTarget(
                name: "fuzz-\(reader)",
                dependencies: ["FuzzSupport", .product(name: "WarmPathKit", package: "warmpath")]
            )
        },
    swiftLanguageModes: [.v6]
)
