import Foundation
import Testing

/// Sieve on a real SwiftPM package (`swiftpm-shapes`: two modules, XCTest and Swift Testing
/// tests) in a real git repository, built with the real toolchain.
///
/// Swift builds are slow on a small machine, so one project is built once and the scenarios
/// run one after another on it, each undoing its edit.
@Suite("Selecting Swift tests", .serialized)
struct SwiftPackageTests {
  static let area = "ShapesTests.SquareTests/testArea"
  static let perimeter = "ShapesTests.SquareTests/testPerimeter"
  static let distance = "GeometryTests.PointTests/distance()"
  static let originIsOrigin = "GeometryTests.PointTests/originIsOrigin()"
  static let notOrigin = "GeometryTests.PointTests/notOrigin(x:)"
  static let shapes: Set<String> = [area, perimeter]
  static let all: Set<String> = [area, perimeter, distance, originIsOrigin, notOrigin]

  @Test("Functions, comments, constants, stored properties, new tests and the manifest")
  func selection() throws {
    let project = try SieveProject(fixture: "swiftpm-shapes")
    let first = try Self.run(project)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(Self.ran(first) == Self.all)
    #expect(first.stderr.contains("recorded 5 tests"))

    // Nothing changed: nothing is built or run.
    let again = try Self.run(project)
    #expect(again.status == 0)
    #expect(Self.ran(again).isEmpty)
    #expect(!again.stdout.contains("Compiling"))
    #expect(try project.affected().isEmpty)

    // One function body: only the test that ran it.
    try Self.edited(project, "Sources/Shapes/Square.swift", "4 * side", "side * 4") {
      #expect(try project.affected() == [Self.perimeter])
      let run = try Self.run(project)
      #expect(Self.ran(run) == [Self.perimeter], "\(run.stdout)")
      #expect(run.status == 0)
    }

    // A comment and formatting: nothing.
    try Self.edited(
      project, "Sources/Geometry/Point.swift", "/// The squared distance to another point.",
      "// How far, squared.\n\n"
    ) {
      let affected = try project.affected()
      #expect(affected.isEmpty)
    }

    // A global constant, read through its accessor (which coverage does not see).
    try Self.edited(project, "Sources/Shapes/Square.swift", "defaultSide = 2", "defaultSide = 3") {
      let affected = try project.affected()
      #expect(Self.shapes.isSubset(of: affected))
      #expect(!affected.contains(Self.distance))
      let run = try Self.run(project)
      #expect(run.status == 1, "the area and perimeter tests now fail")
    }

    // A stored property's default.
    try Self.edited(
      project, "Sources/Shapes/Square.swift", "side: Int = defaultSide",
      "side: Int = defaultSide * 1"
    ) {
      let affected = try project.affected()
      #expect(Self.shapes.isSubset(of: affected))
    }

    // A new test runs.
    try Self.edited(
      project, "Tests/GeometryTests/PointTests.swift", "@Test func distance()",
      "@Test func originX() {\n    #expect(origin.x == 0)\n  }\n\n  @Test func distance()"
    ) {
      let run = try Self.run(project)
      #expect(Self.ran(run).contains("GeometryTests.PointTests/originX()"), "\(run.stdout)")
      #expect(!Self.ran(run).contains(Self.area))
    }

    // The manifest: everything.
    try Self.edited(project, "Package.swift", "name: \"Shapes\",", "name: \"Shapes\",\n") {
      let affected = try project.affected()
      #expect(affected == Self.all)
    }
  }

  /// Runs `sieve run -- swift test`.
  static func run(_ project: SieveProject) throws -> SieveProject.Output {
    try project.sieve(["run", "--", "swift", "test"])
  }

  /// The test ids the run reported as ending.
  static func ran(_ output: SieveProject.Output) -> Set<String> {
    var ids = Set<String>()
    for line in output.lines {
      for word in [" passed in ", " FAILED "] {
        if let range = line.range(of: word) { ids.insert(String(line[..<range.lowerBound])) }
      }
    }
    return ids
  }

  /// Edits a file, runs `body`, then restores the file and records the restored state.
  static func edited(
    _ project: SieveProject, _ path: String, _ old: String, _ new: String,
    body: () throws -> Void
  ) throws {
    let original = try project.read(path)
    try project.edit(path, replacing: old, with: new)
    try body()
    try project.write(original, to: path)
    _ = try run(project)
  }
}
