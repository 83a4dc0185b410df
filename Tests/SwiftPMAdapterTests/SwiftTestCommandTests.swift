import Foundation
import Testing

@testable import SieveSwiftPM

@Suite("Reading a swift test command line")
struct SwiftTestCommandTests {
  @Test("Only `swift test` is a Swift test command")
  func recognises() {
    #expect(SwiftTestCommand(words: ["swift", "test"]) != nil)
    #expect(SwiftTestCommand(words: ["/opt/swift/usr/bin/swift", "test"]) != nil)
    #expect(SwiftTestCommand(words: ["swift", "build"]) == nil)
    #expect(SwiftTestCommand(words: ["python3", "-m", "pytest"]) == nil)
    #expect(SwiftTestCommand(words: ["swift"]) == nil)
  }

  @Test("Build arguments are kept apart from test choice and scheduling")
  func splitsArguments() throws {
    let command = try #require(
      SwiftTestCommand(words: [
        "swift", "test", "-c", "release", "--filter", "Shapes", "--parallel", "--skip=Slow",
        "-Xswiftc", "-DFAST", "--num-workers", "4", "--package-path", "pkg",
      ]))
    #expect(
      command.buildArguments == ["-c", "release", "-Xswiftc", "-DFAST", "--package-path", "pkg"])
    #expect(command.filters == ["Shapes"])
    #expect(command.skips == ["Slow"])
    #expect(command.packagePath == "pkg")
  }

  @Test("--filter and --skip choose tests by regular expression")
  func admits() throws {
    let command = try #require(
      SwiftTestCommand(words: ["swift", "test", "--filter", "Square", "--skip", "Perimeter$"]))
    #expect(command.admits("ShapesTests.SquareTests/testArea"))
    #expect(!command.admits("ShapesTests.SquareTests/testPerimeter"))
    #expect(!command.admits("GeometryTests.PointTests/distance()"))
  }
}

@Suite("Listing and running tests of a bundle")
struct SwiftTestBundleTests {
  @Test("Listings keep identifiers and drop XCTest's header")
  func parsesListing() {
    let output = "Listing 2 tests in debug.xctest:\n\nA.B/testOne\nA.B/testTwo\n"
    #expect(
      SwiftTestBundle.parseListing(output, library: .xctest).map(\.identifier) == [
        "A.B/testOne", "A.B/testTwo",
      ])
  }

  @Test("A Swift Testing filter matches its test literally")
  func escapes() {
    #expect(SwiftTestBundle.escaped("M.S/f(x:)") == #"M\.S/f\(x:\)"#)
  }

  @Test("A test knows its module and function name")
  func names() {
    let test = SwiftTest(
      identifier: "GeometryTests.PointTests/notOrigin(x:)", library: .swiftTesting)
    #expect(test.module == "GeometryTests")
    #expect(test.functionName == "notOrigin")
  }
}

@Suite("Where functions start")
struct SwiftFunctionMapTests {
  @Test("Functions under the root are found by either spelling of their profile name")
  func mapsNames() throws {
    let json = """
      {"data": [{"functions": [
        {"name": "$s6Shapes4areaSiyF", "filenames": ["/pkg/Sources/Shapes/Square.swift"],
         "regions": [[10, 29, 10, 44, 1, 0, 0, 0]]},
        {"name": "$s7Outside1fyyF", "filenames": ["/elsewhere/x.swift"],
         "regions": [[1, 1, 2, 2, 1, 0, 0, 0]]}
      ]}]}
      """
    let map = try SwiftFunctionMap(export: Data(json.utf8), root: "/pkg")
    #expect(map.location(of: "$s6Shapes4areaSiyF")?.line == 10)
    #expect(map.location(of: "/pkg/Sources/Shapes/Square.swift:$s6Shapes4areaSiyF")?.line == 10)
    #expect(map.location(of: "$s7Outside1fyyF") == nil)
    #expect(map.count == 1)
  }
}
