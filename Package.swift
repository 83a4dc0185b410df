// swift-tools-version: 6.2
// Sieve: run only the tests a change can affect.
//
// Targets are listed in pipeline order. Arrows in the import graph point down
// the list; nothing imports SieveCLI, and no stage imports Sieve.

import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .swiftLanguageMode(.v6),
]

let package = Package(
  name: "Sieve",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "sieve", targets: ["SieveFront"]),
    .executable(name: "sieve-core", targets: ["SieveCLI"]),
    .library(name: "Sieve", targets: ["Sieve"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
  ],
  targets: [
    // Shared nouns: paths, hashes, test ids, outcomes. No I/O.
    .target(name: "SieveModel", path: "Sources/Model", swiftSettings: strictSettings),
    // Remembered answers: what a read-only command printed, and the files, `git status` and
    // command line it was computed from. No Foundation: the `sieve` front links only this.
    .target(name: "SieveReplay", path: "Sources/Replay", swiftSettings: strictSettings),
    // Source text to content-hashed blocks; one splitter per language.
    .target(
      name: "SieveBlocks",
      dependencies: ["SieveModel", .product(name: "Crypto", package: "swift-crypto")],
      path: "Sources/Blocks",
      swiftSettings: strictSettings
    ),
    // What git says changed, through swift-subprocess (no Foundation.Process on the decision path).
    .target(
      name: "SieveGit",
      dependencies: [
        "SieveModel", "SieveReplay", .product(name: "Subprocess", package: "swift-subprocess"),
      ],
      path: "Sources/Git",
      swiftSettings: strictSettings
    ),
    // The only SQL in Sieve.
    .target(
      name: "SieveStore",
      dependencies: ["SieveModel", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Sources/Store",
      swiftSettings: strictSettings
    ),
    // The safety rules: recorded dependencies + current hashes -> affected tests.
    .target(
      name: "SieveSelect",
      dependencies: ["SieveModel"],
      path: "Sources/Select",
      swiftSettings: strictSettings
    ),
    // Splitting tests into parts of equal duration, for CI shards and local workers.
    .target(
      name: "SieveShards",
      dependencies: ["SieveModel"],
      path: "Sources/Shards",
      swiftSettings: strictSettings
    ),
    // Running a test framework: the TestFramework protocol and child-process plumbing.
    .target(
      name: "SieveRun",
      dependencies: ["SieveModel", .product(name: "Subprocess", package: "swift-subprocess")],
      path: "Sources/Run",
      swiftSettings: strictSettings
    ),
    // pytest: node ids, the collector plugin (a Python resource), its result files.
    .target(
      name: "SievePytest",
      dependencies: ["SieveModel", "SieveRun"],
      path: "Sources/Adapters/Pytest",
      resources: [.copy("Resources/sieve_pytest")],
      swiftSettings: strictSettings
    ),
    // SwiftPM: building test bundles with coverage, listing and running their tests one by one,
    // and reading per-test LLVM profiles with the toolchain's own tools.
    .target(
      name: "SieveSwiftPM",
      dependencies: ["SieveModel", "SieveRun"],
      path: "Sources/Adapters/SwiftPM",
      swiftSettings: strictSettings
    ),
    // Baselines: published databases, their manifests, and the stores that hold them.
    .target(
      name: "SieveBaselines",
      dependencies: [
        "SieveModel",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "CompressNIO", package: "compress-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      path: "Sources/Baselines",
      swiftSettings: strictSettings
    ),
    // Use cases: a method per command, tying the stages together.
    .target(
      name: "Sieve",
      dependencies: [
        "SieveModel", "SieveBlocks", "SieveGit", "SieveStore", "SieveSelect", "SieveRun",
        "SievePytest", "SieveSwiftPM", "SieveBaselines", "SieveShards", "SieveReplay",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      path: "Sources/Sieve",
      swiftSettings: strictSettings
    ),
    // The full command line, `sieve-core`: the only code that prints.
    .executableTarget(
      name: "SieveCLI",
      dependencies: [
        "Sieve", "SieveBaselines", "SieveReplay",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/CLI",
      swiftSettings: strictSettings
    ),
    // The `sieve` front: replays a remembered answer when it still holds, else starts
    // `sieve-core`. Links SieveReplay alone, so it starts in a few milliseconds.
    // On Linux it is linked as a fully static executable: no dynamic loader, no libstdc++ to
    // load, about 3 ms less per call (docs/benchmarks.md, start-up).
    .executableTarget(
      name: "SieveFront",
      dependencies: ["SieveReplay"],
      path: "Sources/Front",
      swiftSettings: strictSettings,
      linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]
    ),
    .target(
      name: "SieveTestSupport",
      dependencies: ["SieveModel"],
      path: "Tests/Support",
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "ReplayTests", dependencies: ["SieveReplay", "SieveTestSupport"]),
    .testTarget(name: "BlocksTests", dependencies: ["SieveBlocks"]),
    .testTarget(name: "StoreTests", dependencies: ["SieveStore", "SieveTestSupport"]),
    .testTarget(name: "SelectTests", dependencies: ["SieveSelect"]),
    .testTarget(name: "BaselinesTests", dependencies: ["SieveBaselines", "SieveTestSupport"]),
    .testTarget(name: "ShardsTests", dependencies: ["SieveShards", "SieveTestSupport"]),
    .testTarget(name: "RunTests", dependencies: ["SieveRun"]),
    .testTarget(name: "GitTests", dependencies: ["SieveGit", "SieveTestSupport"]),
    .testTarget(name: "SwiftPMAdapterTests", dependencies: ["SieveSwiftPM"]),
    .testTarget(name: "PytestAdapterTests", dependencies: ["SievePytest", "SieveTestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["Sieve", "SieveCLI", "SieveReplay", "SieveTestSupport"]
    ),
  ]
)
