/// A `swift test` command line, split into what builds the tests and what picks them.
///
/// Sieve builds the tests itself (with coverage instrumentation) and runs each selected test
/// on its own, so the words that only choose tests (`--filter`, `--skip`) or change how
/// `swift test` schedules them (`--parallel`) are kept apart from those that change what
/// is built (`-c release`, `-Xswiftc -DFOO`, `--package-path`): a change to the latter
/// changes the binary and so runs every test.
public struct SwiftTestCommand: Sendable, Equatable {
  /// The `swift` program as the user named it.
  public var swift: String
  /// Arguments that change what is built, in the user's order.
  public var buildArguments: [String]
  /// Regular expressions of `--filter`: only tests whose identifier matches one run.
  public var filters: [String]
  /// Regular expressions of `--skip`: tests whose identifier matches one never run.
  public var skips: [String]

  /// Words that only schedule tests; Sieve schedules them itself.
  private static let schedulingFlags: Set<String> = [
    "--parallel", "--no-parallel", "--enable-code-coverage", "--disable-code-coverage",
    "--skip-build", "-q", "--quiet", "-v", "--verbose", "--very-verbose", "-vv",
  ]
  /// Scheduling options that take a value.
  private static let schedulingOptions: Set<String> = [
    "--num-workers", "--xunit-output", "--attachments-path",
  ]

  /// Parses a command line, or returns `nil` when it is not `swift test …`.
  ///
  /// - Parameter words: The command as the user typed it after `--`.
  public init?(words: [String]) {
    guard words.count >= 2, words[0].split(separator: "/").last == "swift", words[1] == "test"
    else { return nil }
    swift = words[0]
    buildArguments = []
    filters = []
    skips = []
    var rest = words.dropFirst(2)[...]
    while let word = rest.popFirst() {
      let (name, inlineValue) = Self.option(word)
      switch name {
      case "--filter", "--skip":
        guard let value = inlineValue ?? rest.popFirst() else { continue }
        if name == "--filter" { filters.append(value) } else { skips.append(value) }
      case _ where Self.schedulingFlags.contains(word):
        continue
      case _ where Self.schedulingOptions.contains(name):
        if inlineValue == nil { _ = rest.popFirst() }
      default:
        buildArguments.append(word)
      }
    }
  }

  /// Whether the user's `--filter` and `--skip` let a test run.
  ///
  /// - Parameter identifier: The test's identifier, as `swift test list` prints it.
  /// - Returns: Whether the test may run.
  public func admits(_ identifier: String) -> Bool {
    let matches = { (pattern: String) -> Bool in
      (try? Regex(pattern)).map { identifier.contains($0) } ?? identifier.contains(pattern)
    }
    if !filters.isEmpty && !filters.contains(where: matches) { return false }
    return !skips.contains(where: matches)
  }

  /// The package directory the build arguments name (`--package-path`), if any.
  public var packagePath: String? {
    var words = buildArguments[...]
    while let word = words.popFirst() {
      let (name, inlineValue) = Self.option(word)
      if name == "--package-path" { return inlineValue ?? words.first }
    }
    return nil
  }

  private static func option(_ word: String) -> (name: String, value: String?) {
    guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
  }
}
