import Foundation
import SieveBlocks
import SieveModel
import Testing

/// Compares the splitter's function blocks with the compiler's own parse (`swiftc -dump-parse`)
/// of every `.swift` file under the repository's `Sources/`, and of a tricky fixture.
///
/// The compiler is `$SIEVE_ORACLE_SWIFTC`, `/opt/swift/usr/bin/swiftc`, or `swiftc` from `PATH`.
@Suite("SwiftSplitter agrees with swiftc -dump-parse")
struct SwiftSplitterOracleTests {
  static let fixture = ###"""
    import Foundation

    @MainActor
    public final class Tricky<T: Equatable>: NSObject where T: Sendable {
      static let shared: Tricky<Int> = {
        let value = "{ \("}") \(#"raw }"#) {"
        return Tricky<Int>(value.count)
      }()
      lazy var regex = #/a{2}\}/#
      var stored = 0 {
        didSet { print("} \(oldValue)") }
      }
      /* a /* nested { */ comment } */
      init(_ count: Int) {
        super.init()
      }
      @inlinable
      public override var description: String {
        """
        } \(stored) {
        """
      }
      subscript(label index: Int) -> Int {
        get { index }
        set { stored = newValue }
      }
      func `default`(in x: [Int: String] = [:]) -> some Collection {
        func inner() { }
        return x.map { "\($0) {" }
      }
      static func == (lhs: Tricky, rhs: Tricky) -> Bool { true }
      deinit {}
    }

    extension Tricky.Nested where T == Int {
      var computed: Int { 1 }
    }
    """###

  @Test(
    "Every body the compiler parses is a block with its header line and closing line",
    .enabled(if: SwiftParseOracle.swiftc != nil, "needs swiftc")
  )
  func sourcesAgreeWithSwiftc() throws {
    let swiftc = try #require(SwiftParseOracle.swiftc)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sieve-swift-oracle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let fixture = directory.appendingPathComponent("Tricky.swift")
    try Data(Self.fixture.utf8).write(to: fixture)

    var paths = [fixture.path]
    let sources = root.appendingPathComponent("Sources")
    if let files = FileManager.default.enumerator(atPath: sources.path) {
      for case let file as String in files where file.hasSuffix(".swift") {
        paths.append(sources.appendingPathComponent(file).path)
      }
    }
    let dumps = try SwiftParseOracle.dumps(swiftc, paths: paths)
    let splitter = SwiftSplitter()
    var compared = 0
    var bodies = 0
    var disagreements: [String] = []
    for path in paths.sorted() {
      guard let dump = dumps[path] else {
        disagreements.append("\(path): swiftc printed nothing")
        continue
      }
      let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      let file = splitter.split(source, path: RepoPath(path))
      compared += 1
      if file.blocks.first?.kind == .file {
        disagreements.append("\(path): split as a whole file")
        continue
      }
      let expected = Set(SwiftParseOracle.bodies(inDump: dump))
      bodies += expected.count
      let skipped = SwiftParseOracle.conditionalLines(String(decoding: source, as: UTF8.self))
      let actual = Set(
        file.blocks.filter { $0.kind == .function }.map {
          SwiftParseOracle.Body(headerLine: $0.headerLine, endLine: $0.bodyLines.upperBound)
        })
      let missing = expected.subtracting(actual).sorted()
      let extra = actual.subtracting(expected).filter { !skipped.contains($0.headerLine) }.sorted()
      if !missing.isEmpty || !extra.isEmpty {
        disagreements.append(
          "\(path): swiftc has \(missing.prefix(3)), splitter has \(extra.prefix(3))")
      }
    }
    print(
      "Oracle swiftc: compared \(compared) files, \(bodies) bodies, \(disagreements.count) disagree"
    )
    for disagreement in disagreements.prefix(30) { print(disagreement) }
    #expect(compared == paths.count)
    #expect(bodies > 500)
    #expect(disagreements.isEmpty, "\(disagreements.count) files disagree with swiftc")
  }

  @Test("The fixture's blocks have the expected names")
  func fixtureNames() {
    let file = SwiftSplitter().split(Array(Self.fixture.utf8), path: "Tricky.swift")
    #expect(
      file.blocks.filter { $0.kind == .function }.map(\.name) == [
        "Tricky.shared", "Tricky.stored.didSet", "Tricky.init(_:)", "Tricky.description",
        "Tricky.subscript(label:).get", "Tricky.subscript(label:).set", "Tricky.default(in:)",
        "Tricky.==(_:_:)", "Tricky.deinit", "Tricky.Nested.computed",
      ])
  }
}
