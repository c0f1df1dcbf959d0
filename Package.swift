// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "congkhai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "congkhai", targets: ["congkhai"]),
        .library(name: "Congkhai", targets: ["Congkhai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Debian's libcmark-gfm: one pkg-config file names both libraries.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "Congkhai",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                "CCmarkGFM",
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "congkhai",
            dependencies: [
                "Congkhai",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "CongkhaiTests",
            dependencies: ["Congkhai"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
