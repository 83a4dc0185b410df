#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a command line saw when it started: its arguments, directory, environment and
/// whether its output goes to terminals.
///
/// Two invocations that are equal and find the same files and the same `git status` get the
/// same answer from a read-only command; ``RememberedAnswer`` relies on that.
public struct Invocation: Hashable, Sendable {
  /// The arguments after the program name.
  public var arguments: [String]
  /// The current directory, absolute, symbolic links resolved.
  public var directory: String
  /// The environment as `NAME=value` entries in byte order, without ``ignoredVariables``.
  public var environment: [String]
  /// Whether standard output and standard error are terminals: bit 0 and bit 1.
  public var terminals: UInt8

  /// Variables a shell sets anew for every command, which no Sieve command and no git
  /// command it runs reads, and the front's own handoff to `sieve-core`.
  public static let ignoredVariables: Set<String> = [
    "_", "OLDPWD", "SHLVL", GitStatusHandoff.variable,
  ]

  /// Creates an invocation from its parts.
  public init(arguments: [String], directory: String, environment: [String], terminals: UInt8) {
    self.arguments = arguments
    self.directory = directory
    self.environment = environment
    self.terminals = terminals
  }

  /// The invocation of the running process.
  ///
  /// - Returns: `nil` when the current directory or the environment cannot be read.
  public static func current() -> Invocation? {
    guard let directory = currentDirectory() else { return nil }
    var environment: [String] = []
    #if canImport(Darwin)
      guard var entry = _NSGetEnviron()?.pointee else { return nil }
    #else
      var entry = environ
    #endif
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      let name = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
      if !ignoredVariables.contains(name) { environment.append(text) }
      entry += 1
    }
    environment.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    let terminals: UInt8 =
      (isatty(STDOUT_FILENO) != 0 ? 1 : 0) | (isatty(STDERR_FILENO) != 0 ? 2 : 0)
    return Invocation(
      arguments: Array(CommandLine.arguments.dropFirst()), directory: directory,
      environment: environment, terminals: terminals)
  }

  private static func currentDirectory() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return nil }
    return String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
