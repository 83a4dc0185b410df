import Foundation
import SieveModel

/// What Sieve's collector plugin recorded during one pytest session.
public struct PytestResults: Sendable {
  /// Code that ran, per file: executed lines (coverage.py) or code objects' first lines
  /// (`sys.monitoring`).
  public struct Coverage: Sendable, Equatable {
    /// Executed line numbers per file.
    public var lines: [RepoPath: [Int]] = [:]
    /// First lines of code objects that started, per file.
    public var codeStarts: [RepoPath: [Int]] = [:]
    /// Files other than Python source that were opened for reading.
    public var reads: [RepoPath] = []

    /// Creates coverage.
    ///
    /// - Parameters:
    ///   - lines: Executed line numbers per file.
    ///   - codeStarts: First lines of code objects that started, per file.
    ///   - reads: Files other than Python source that were opened for reading.
    public init(
      lines: [RepoPath: [Int]] = [:], codeStarts: [RepoPath: [Int]] = [:], reads: [RepoPath] = []
    ) {
      self.lines = lines
      self.codeStarts = codeStarts
      self.reads = reads
    }

    /// Every file with any code that ran.
    public var files: Set<RepoPath> { Set(lines.keys).union(codeStarts.keys) }
  }

  /// One test's result.
  public struct TestResult: Sendable {
    /// The pytest node id.
    public var id: TestID
    /// The file that defines the test.
    public var path: RepoPath
    /// How the test ended.
    public var outcome: Outcome
    /// Seconds in setup, call and teardown.
    public var duration: Double
    /// Names of shared contexts (session start, module import) the test depends on.
    public var contexts: [String]
    /// What the test itself ran.
    public var coverage: Coverage
    /// Whether the test is marked `sieve_always`.
    public var alwaysRuns: Bool

    /// Creates a test result.
    ///
    /// - Parameters:
    ///   - id: The pytest node id.
    ///   - path: The file that defines the test.
    ///   - outcome: How the test ended.
    ///   - duration: Seconds in setup, call and teardown.
    ///   - contexts: Names of shared contexts the test depends on.
    ///   - coverage: What the test itself ran.
    ///   - alwaysRuns: Whether the test is marked `sieve_always`.
    public init(
      id: TestID, path: RepoPath, outcome: Outcome, duration: Double, contexts: [String],
      coverage: Coverage, alwaysRuns: Bool
    ) {
      self.id = id
      self.path = path
      self.outcome = outcome
      self.duration = duration
      self.contexts = contexts
      self.coverage = coverage
      self.alwaysRuns = alwaysRuns
    }
  }

  /// Creates empty results.
  public init() {}

  /// Facts about the session: interpreter, collector, pytest version.
  public var facts: [String: String] = [:]
  /// Shared contexts by name: what ran at session start and while each module was imported.
  public var contexts: [String: Coverage] = [:]
  /// Every test pytest collected, before any deselection, with its file.
  public var collected: [TestID: RepoPath] = [:]
  /// The tests that ran.
  public var tests: [TestResult] = []
  /// Collected tests that the user's own options deselected (`-k`, `-m`, `--deselect`);
  /// Sieve's deselection is not among them.
  public var deselected: Set<TestID> = []
  /// Which repository file imported which, as seen while the tests ran.
  public var imports: [RepoPath: [RepoPath]] = [:]
  /// pytest's exit status, if the session reached its end.
  public var exitStatus: Int?
  /// A problem the collector reported.
  public var error: String?
  /// Set when the interpreter or its packages differ from the ones the selection was made
  /// for, so the plugin ran every test; says what changed.
  public var environmentChange: String?

  /// Reads a results file written by the plugin (JSON lines).
  ///
  /// - Parameter path: The file.
  /// - Returns: The results, or `nil` when the file does not exist.
  /// - Throws: ``AdapterError/unreadableResults(path:reason:)`` for a malformed file.
  public static func read(from path: String) throws(AdapterError) -> PytestResults? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    var results = PytestResults()
    let decoder = JSONDecoder()
    for (index, line) in data.split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
    ).enumerated() where !line.isEmpty {
      let lineNumber = index + 1
      let entry: Entry
      do {
        entry = try decoder.decode(Entry.self, from: Data(line))
      } catch {
        throw .unreadableResults(path: path, reason: "line \(lineNumber): \(error)")
      }
      results.add(entry)
    }
    return results
  }

  private mutating func add(_ entry: Entry) {
    let coverage = Coverage(
      lines: Self.paths(entry.lines), codeStarts: Self.paths(entry.code),
      reads: (entry.files ?? []).map { RepoPath($0) })
    switch entry.type {
    case "session":
      for (key, value) in [
        ("python", entry.python), ("implementation", entry.implementation),
        ("collector", entry.collector), ("pytest", entry.pytest),
      ] {
        if let value { facts[key] = value }
      }
      // The environment, as Sieve compares it later without Python (see the plugin).
      for key in ["packages", "packagePaths", "executable", "executableStamp"] {
        if let value = entry.environment?[key] { facts[key] = value }
      }
      environmentChange = entry.environmentChange
    case "context":
      if let name = entry.name { contexts[name] = coverage }
    case "collected":
      if let id = entry.nodeid, let path = entry.path { collected[TestID(id)] = RepoPath(path) }
    case "test":
      guard let id = entry.nodeid, let path = entry.path else { return }
      tests.append(
        TestResult(
          id: TestID(id), path: RepoPath(path),
          outcome: entry.outcome.flatMap(Outcome.init(rawValue:)) ?? .error,
          duration: entry.duration ?? 0, contexts: entry.contexts ?? [], coverage: coverage,
          alwaysRuns: entry.always ?? false))
    case "deselected":
      deselected.formUnion((entry.nodeids ?? []).map { TestID($0) })
    case "imports":
      for (source, targets) in entry.graph ?? [:] {
        imports[RepoPath(source)] = targets.map { RepoPath($0) }
      }
    case "end":
      exitStatus = entry.exitstatus
    case "error":
      error = entry.message
    default:
      break
    }
  }

  private static func paths(_ table: [String: [Int]]?) -> [RepoPath: [Int]] {
    var result: [RepoPath: [Int]] = [:]
    for (path, lines) in table ?? [:] { result[RepoPath(path)] = lines }
    return result
  }

  /// One line of the results file; which keys are present depends on `type`.
  ///
  /// Decoded by hand so that each line looks up only its own type's keys: the synthesized
  /// decoder asks for all twenty on every line, which doubled the time to read a 1,200-test
  /// run's results.
  private struct Entry: Decodable {
    var type: String
    var name: String?
    var nodeid: String?
    var nodeids: [String]?
    var path: String?
    var outcome: String?
    var duration: Double?
    var contexts: [String]?
    var lines: [String: [Int]]?
    var code: [String: [Int]]?
    var files: [String]?
    var always: Bool?
    var exitstatus: Int?
    var graph: [String: [String]]?
    var message: String?
    var python: String?
    var implementation: String?
    var collector: String?
    var pytest: String?
    var environment: [String: String]?
    var environmentChange: String?

    private enum Key: String, CodingKey {
      case type, name, nodeid, nodeids, path, outcome, duration, contexts, lines, code, files
      case always, exitstatus, graph, message, python, implementation, collector, pytest
      case environment, environmentChange
    }

    init(from decoder: any Decoder) throws {
      let entry = try decoder.container(keyedBy: Key.self)
      type = try entry.decode(String.self, forKey: .type)
      switch type {
      case "session":
        python = try entry.decodeIfPresent(String.self, forKey: .python)
        implementation = try entry.decodeIfPresent(String.self, forKey: .implementation)
        collector = try entry.decodeIfPresent(String.self, forKey: .collector)
        pytest = try entry.decodeIfPresent(String.self, forKey: .pytest)
        environment = try entry.decodeIfPresent([String: String].self, forKey: .environment)
        environmentChange = try entry.decodeIfPresent(String.self, forKey: .environmentChange)
      case "context":
        name = try entry.decodeIfPresent(String.self, forKey: .name)
        try decodeCoverage(entry)
      case "collected":
        nodeid = try entry.decodeIfPresent(String.self, forKey: .nodeid)
        path = try entry.decodeIfPresent(String.self, forKey: .path)
      case "test":
        nodeid = try entry.decodeIfPresent(String.self, forKey: .nodeid)
        path = try entry.decodeIfPresent(String.self, forKey: .path)
        outcome = try entry.decodeIfPresent(String.self, forKey: .outcome)
        duration = try entry.decodeIfPresent(Double.self, forKey: .duration)
        contexts = try entry.decodeIfPresent([String].self, forKey: .contexts)
        always = try entry.decodeIfPresent(Bool.self, forKey: .always)
        try decodeCoverage(entry)
      case "deselected":
        nodeids = try entry.decodeIfPresent([String].self, forKey: .nodeids)
      case "imports":
        graph = try entry.decodeIfPresent([String: [String]].self, forKey: .graph)
      case "end":
        exitstatus = try entry.decodeIfPresent(Int.self, forKey: .exitstatus)
      case "error":
        message = try entry.decodeIfPresent(String.self, forKey: .message)
      default:
        break
      }
    }

    /// The keys of a context's or a test's coverage: one of `lines` and `code`, and `files`.
    private mutating func decodeCoverage(_ entry: KeyedDecodingContainer<Key>) throws {
      lines = try entry.decodeIfPresent([String: [Int]].self, forKey: .lines)
      code = try entry.decodeIfPresent([String: [Int]].self, forKey: .code)
      files = try entry.decodeIfPresent([String].self, forKey: .files)
    }
  }
}
