// swift-tools-version: 6.0
// A small package for Sieve's tests: two library modules, a program, XCTest and Swift Testing
// tests.
import PackageDescription

let package = Package(
  name: "Shapes",
  products: [.executable(name: "shapes-area", targets: ["shapes-area"])],
  targets: [
    .target(name: "Geometry"),
    .target(name: "Shapes", dependencies: ["Geometry"]),
    .executableTarget(name: "shapes-area", dependencies: ["Geometry", "Shapes"]),
    .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
    .testTarget(name: "ShapesTests", dependencies: ["Shapes"]),
  ]
)
