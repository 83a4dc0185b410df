import Foundation
import SieveBlocks
import SieveModel
import Testing

/// Compares the splitter's function blocks with what Python's own `ast` module reports, for
/// every module of a Python standard library (its `test/` and `lib2to3/` folders included,
/// `site-packages` excluded).
///
/// The interpreter is `$SIEVE_ORACLE_PYTHON`, or `python3` from `PATH`.
@Suite("PythonSplitter agrees with Python's ast")
struct PythonSplitterOracleTests {
  /// One function as `ast` sees it.
  struct OracleFunction: Hashable, Comparable {
    var name: String
    var headerLine: Int
    var bodyLines: ClosedRange<Int>

    static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.headerLine, lhs.bodyLines.lowerBound, lhs.bodyLines.upperBound, lhs.name)
        < (rhs.headerLine, rhs.bodyLines.lowerBound, rhs.bodyLines.upperBound, rhs.name)
    }
  }

  /// What the oracle script prints.
  struct OracleReport: Decodable {
    var stdlib: String
    var version: String
    /// Repository-relative path → `[qualname, headerLine, bodyStart, bodyEnd]` per function.
    var files: [String: [[OracleValue]]]
  }

  enum OracleValue: Decodable {
    case int(Int)
    case string(String)

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let value = try? container.decode(Int.self) {
        self = .int(value)
      } else {
        self = .string(try container.decode(String.self))
      }
    }

    var int: Int? {
      if case .int(let value) = self { value } else { nil }
    }

    var string: String? {
      if case .string(let value) = self { value } else { nil }
    }
  }

  static let script = #"""
    import ast, json, os, sys, sysconfig, warnings
    warnings.simplefilter("ignore")
    sys.setrecursionlimit(20000)
    root = sysconfig.get_paths()["stdlib"]

    def visit(node, prefix, out):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
                out.append([name, first, child.body[0].lineno, child.end_lineno])
                visit(child, name + ".<locals>.", out)
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".", out)
            else:
                visit(child, prefix, out)

    files = {}
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d != "site-packages")
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as file:
                    tree = ast.parse(file.read())
                out = []
                visit(tree, "", out)
            except Exception:
                continue
            files[os.path.relpath(path, root)] = out
    version = "%d.%d.%d" % sys.version_info[:3]
    json.dump({"stdlib": root, "version": version, "files": files}, sys.stdout)
    """#

  /// The interpreter to ask, if there is one.
  static var oraclePython: String? {
    if let path = ProcessInfo.processInfo.environment["SIEVE_ORACLE_PYTHON"], !path.isEmpty {
      return path
    }
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    for directory in searchPath.split(separator: ":") {
      let candidate = "\(directory)/python3"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  static func runOracle(_ python: String) throws -> OracleReport {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return try JSONDecoder().decode(OracleReport.self, from: data)
  }

  @Test(
    "Every function in the standard library has ast's qualname, first line and body lines",
    .enabled(if: oraclePython != nil, "needs a Python interpreter")
  )
  func standardLibraryAgreesWithAST() throws {
    let python = try #require(Self.oraclePython)
    let report = try Self.runOracle(python)
    let splitter = PythonSplitter()
    var compared = 0
    var disagreements: [String] = []
    var bytesSplit = 0
    let clock = ContinuousClock()
    var splitting = Duration.zero
    var slowest = (path: "", lines: 0, duration: Duration.zero)
    for (relativePath, rows) in report.files.sorted(by: { $0.key < $1.key }) {
      let url = URL(fileURLWithPath: report.stdlib).appendingPathComponent(relativePath)
      let source = [UInt8](try Data(contentsOf: url))
      var file: BlockedFile?
      let duration = clock.measure { file = splitter.split(source, path: RepoPath(relativePath)) }
      splitting += duration
      if duration > slowest.duration {
        slowest = (relativePath, file?.blocks.first?.bodyLines.upperBound ?? 0, duration)
      }
      bytesSplit += source.count
      guard let file else { continue }
      compared += 1
      let expected = rows.compactMap { row -> OracleFunction? in
        guard row.count == 4, let name = row[0].string, let header = row[1].int,
          let start = row[2].int, let end = row[3].int
        else { return nil }
        return OracleFunction(name: name, headerLine: header, bodyLines: start...end)
      }.sorted()
      if file.blocks.first?.kind == .file {
        disagreements.append("\(relativePath): split as a whole file")
        continue
      }
      let actual = file.blocks.filter { $0.kind == .function }.map { block in
        OracleFunction(
          name: String(block.name.split(separator: "#").first ?? ""),
          headerLine: block.headerLine, bodyLines: block.bodyLines)
      }.sorted()
      if actual != expected {
        let missing = Set(expected).subtracting(actual).sorted().prefix(3)
        let extra = Set(actual).subtracting(expected).sorted().prefix(3)
        disagreements.append("\(relativePath): ast has \(missing), splitter has \(extra)")
      }
    }
    let megabytes = Double(bytesSplit) / 1_000_000
    let seconds =
      Double(splitting.components.attoseconds) / 1e18 + Double(splitting.components.seconds)
    print(
      "Oracle Python \(report.version): compared \(compared) files, \(disagreements.count) disagree;"
        + " split \(String(format: "%.1f", megabytes)) MB in \(splitting)"
        + " (\(String(format: "%.1f", megabytes / seconds)) MB/s)")
    print("Slowest: \(slowest.path), \(slowest.lines) lines, in \(slowest.duration)")
    for disagreement in disagreements.prefix(30) { print(disagreement) }
    #expect(compared > 1_500)
    #expect(disagreements.isEmpty, "\(disagreements.count) files disagree with ast")
  }
}
