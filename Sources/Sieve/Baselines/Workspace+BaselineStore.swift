import SieveBaselines
import SievePytest

extension Workspace {
  /// The environment variable that names the baseline store.
  public static let storeVariable = "SIEVE_STORE"

  /// The baseline store to use: `explicit` (from `--store`), else `SIEVE_STORE`, else
  /// `store` under `[tool.sieve]`.
  ///
  /// A relative directory is taken from the working directory for the first two and from
  /// the repository root for the configuration file.
  ///
  /// - Parameters:
  ///   - explicit: The `--store` option's value.
  ///   - workingDirectory: The directory Sieve was started in.
  ///   - environment: The process environment.
  /// - Returns: The store.
  /// - Throws: ``BaselineRefusal/noStore`` when none is configured, a `BaselineError` for
  ///   a location that is not a store, a ``ConfigurationError`` for a bad configuration
  ///   file.
  public func baselineStore(
    explicit: String?, workingDirectory: String, environment: [String: String]
  ) throws -> any BaselineStore {
    if let text = explicit ?? environment[Self.storeVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
      return try BaselineStoreLocation.open(
        text, relativeTo: workingDirectory, environment: environment)
    }
    if let text = try Configuration.load(repositoryRoot: repository.root).store {
      return try BaselineStoreLocation.open(
        text, relativeTo: repository.root, environment: environment)
    }
    throw BaselineRefusal.noStore
  }
}

extension Workspace {
  /// The interpreter a pytest command line runs under (`python` of `python -m pytest`, or the
  /// `#!` interpreter of the `pytest` script), to pick the baseline of its environment.
  ///
  /// - Parameter words: The pytest command line.
  /// - Returns: An interpreter name or path.
  public static func pythonInterpreter(of words: [String]) -> String {
    PythonEnvironmentProbe.interpreter(of: PytestCommand(words: words))
  }
}
