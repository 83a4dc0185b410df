/// Whether `sieve run` runs pytest in a warm worker (``WarmPytestWorker``).
///
/// On a developer's machine the default is ``automatic``: a worker serves the run when it
/// can, and the first run starts one for the next. CI systems, `--no-warm`, `SIEVE_WARM=0`
/// and `warm = false` in the repository's rules run cold; `--warm` and `SIEVE_WARM=1` ask for
/// it and say why whenever a run cannot be warm.
public enum WarmMode: Sendable, Equatable {
  /// Every run starts a fresh pytest, and no worker is started.
  case cold
  /// Warm when a worker can serve the run; a run it cannot serve (another command form,
  /// several processes) is cold without a note.
  case automatic
  /// Warm when a worker can serve the run, with a note saying why when it cannot.
  case asked

  /// Variables that say the process runs in a CI system, where each job starts afresh and a
  /// worker left behind would serve nothing: `CI` (GitHub Actions, GitLab, CircleCI,
  /// Buildkite, Travis and most others), Jenkins, Azure Pipelines and TeamCity.
  public static let continuousIntegrationVariables = [
    "CI", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION",
  ]

  /// The variable that turns warm runs on (`1`) or off (`0`) for every run.
  public static let variable = "SIEVE_WARM"

  /// The mode the command line and the environment choose, before the repository's rules.
  ///
  /// In order: the flag (`--warm` or `--no-warm`), then `SIEVE_WARM`, then a CI system's
  /// variables (cold); otherwise ``automatic``, which the rules may turn off
  /// (``applying(rule:)``). An empty variable counts as unset, and `CI=false` or `CI=0` as no
  /// CI system.
  ///
  /// - Parameters:
  ///   - flag: `true` for `--warm`, `false` for `--no-warm`, `nil` for neither.
  ///   - environment: The process's environment.
  /// - Throws: ``WarmModeError`` when `SIEVE_WARM` is neither on nor off.
  public init(flag: Bool?, environment: [String: String]) throws(WarmModeError) {
    if let flag {
      self = flag ? .asked : .cold
      return
    }
    if let value = environment[Self.variable], !value.isEmpty {
      switch value.lowercased() {
      case "1", "true", "yes", "on": self = .asked
      case "0", "false", "no", "off": self = .cold
      default: throw WarmModeError.invalidVariable(value: value)
      }
      return
    }
    let inCI = Self.continuousIntegrationVariables.contains { name in
      guard let value = environment[name]?.lowercased() else { return false }
      return !["", "0", "false", "no"].contains(value)
    }
    self = inCI ? .cold : .automatic
  }

  /// This mode after the repository's `warm` rule: `warm = false` makes the default cold.
  ///
  /// - Parameter rule: The rule's value, `nil` when the rules leave it out.
  /// - Returns: ``cold`` for ``automatic`` under `warm = false`; otherwise this mode.
  public func applying(rule: Bool?) -> WarmMode {
    self == .automatic && rule == false ? .cold : self
  }
}

/// Why the warm-run setting could not be read.
public enum WarmModeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `SIEVE_WARM` holds something other than on or off.
  case invalidVariable(value: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .invalidVariable(let value):
      "SIEVE_WARM=\(value) is neither on nor off. Set it to 1 (warm runs) or 0 (cold runs), or unset it."
    }
  }
}
