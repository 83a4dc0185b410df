import SieveBaselines

/// What `sieve baseline fetch` found.
public struct FetchReport: Sendable, Equatable {
  /// What happened.
  public enum Outcome: Sendable, Equatable {
    /// A baseline was installed as the database.
    ///
    /// `distance` counts first-parent commits back from `HEAD`; it is `nil` for a commit of a
    /// merged branch.
    case installed(commit: String, distance: Int?, fromCache: Bool)
    /// The local database is at least as near as any baseline; it was kept.
    case localIsNearest(commit: String, distance: Int)
    /// No baseline could be used; the reason is one sentence.
    case notFound(reason: String)
  }

  /// What happened.
  public var outcome: Outcome
  /// The environment baselines were looked up for.
  public var environment: BaselineEnvironment
  /// How many commits were asked about, in the cache or the store.
  public var commitsExamined: Int
}
