extension Repository {
  /// Returns the commits whose baselines may stand for `commit`, nearest first: `commit` and
  /// its first-parent ancestors, then the other ancestors (commits of merged branches)
  /// among the `depth` most recent.
  ///
  /// Runs `git rev-list` twice.
  ///
  /// - Parameters:
  ///   - commit: The commit to start from; it is the first element.
  ///   - depth: The most first-parent commits, and the most commits overall, to look at.
  /// - Returns: The first-parent chain (`firstParent` of them), then the rest.
  /// - Throws: ``GitError/unknownCommit(_:)`` when `commit` is not in the repository.
  public func baselineCandidates(of commit: CommitID, depth: Int) async throws -> (
    commits: [CommitID], firstParent: Int
  ) {
    let chain = try await ancestors(of: commit, limit: depth)
    guard depth > 0 else { return ([], 0) }
    let output = try await git.run(
      ["rev-list", "--max-count=\(depth)", commit.value, "--"], in: root)
    guard output.succeeded else { throw output.failure }
    let seen = Set(chain)
    let others = output.text.split(whereSeparator: \.isNewline)
      .compactMap { CommitID(String($0)) }.filter { !seen.contains($0) }
    return (chain + others, chain.count)
  }

  /// Whether the repository is a shallow clone, whose history stops early.
  ///
  /// Runs `git rev-parse --is-shallow-repository`.
  public func isShallow() async throws -> Bool {
    let output = try await git.run(["rev-parse", "--is-shallow-repository"], in: root)
    guard output.succeeded else { throw output.failure }
    return output.text == "true"
  }
}
