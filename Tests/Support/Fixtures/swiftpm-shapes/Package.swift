// swift-tools-version: 6.0
// A small package for Sieve's tests: two library modules, XCTest and Swift Testing tests.
import PackageDescription

let package = Package(
  name: "Shapes",
  targets: [
    .target(name: "Geometry"),
    .target(name: "Shapes", dependencies: ["Geometry"]),
    .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
    .testTarget(name: "ShapesTests", dependencies: ["Shapes"]),
  ]
)
