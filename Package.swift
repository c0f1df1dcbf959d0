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
        // Only in tests: the reference congkhai's own template engine must match byte for byte.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Exact scores: rationals fall back to big integers when 64 bits are not enough.
        .package(url: "https://github.com/attaswift/BigInt", exact: "6.0.1"),
    ],
    targets: [
        // Debian's libcmark-gfm: one pkg-config file names both libraries.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's libqrencode: only in tests, the reference the notices' own
        // QR encoder must match module for module (decision 101).
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // OpenSSL's libcrypto: hardware-accelerated SHA-256 for the manifest.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // zlib: reading gzip back (a published site's feedback rows).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libdeflate: writing them (deterministic gzip, no name, no mtime),
        // 2.3× faster than zlib at level 6 and 3 % smaller (decision 89).
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // One libc call Swift cannot reach: renameat2(RENAME_EXCHANGE) for atomic publish.
        .target(name: "CSupport"),
        .target(
            name: "Congkhai",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "BigInt", package: "BigInt"),
                "CCmarkGFM",
                "CLibCrypto",
                "CZlib",
                "CDeflate",
                "CSupport",
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                // Kill points for scripts/fault_tests.py (Publish/FaultHook.swift); never in release builds.
                .define("CONGKHAI_FAULT_HOOKS", .when(configuration: .debug)),
            ]
        ),
        .executableTarget(
            name: "congkhai",
            dependencies: [
                "Congkhai",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI",
            swiftSettings: [.swiftLanguageMode(.v6)],
            // jemalloc replaces glibc's malloc in the tool (not in tests): a
            // national build's page stage spent 12 % in `_int_malloc` walking a
            // fragmented 2 GB heap; with jemalloc it ran 22 % faster and
            // peaked 10 % lower (BENCHMARKS.md, decision 75).
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .testTarget(
            name: "CongkhaiTests",
            dependencies: ["Congkhai", "CQRencode", .product(name: "BigInt", package: "BigInt"),
                           .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Golden"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
