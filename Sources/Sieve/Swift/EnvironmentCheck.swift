/// What a data set's recorded facts are compared with before it is trusted: the environment
/// the tests will run in, as far as Sieve can tell without starting the test runner.
protocol EnvironmentCheck: Sendable {
  /// The facts Sieve records with a run.
  var facts: [String: String] { get }
  /// Why a data set recorded with `recorded` facts does not hold now, or `nil` when it does.
  func change(from recorded: [String: String]) -> String?
}

extension EnvironmentProbe: EnvironmentCheck {}
