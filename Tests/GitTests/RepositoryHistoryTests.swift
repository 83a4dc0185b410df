import SieveGit
import SieveModel
import SieveTestSupport
import Testing

@Suite("Repository history: changedFiles(since:), isAncestor, resolve, ancestors")
struct RepositoryHistoryTests {
  private static let missingCommit = CommitID(String(repeating: "ab", count: 20))!

  @Test("Changes since HEAD are the working tree status")
  func changedSinceHead() async throws {
    let fixture = try GitFixture()
    try fixture.write("a\n", to: "a.txt")
    let head = try #require(CommitID(try fixture.commit()))
    try fixture.write("b\n", to: "a.txt")
    try fixture.write("new\n", to: "new.txt")
    let repository = Repository(root: fixture.path)

    let changed = try await repository.changedFiles(since: head)

    #expect(changed == ["a.txt", "new.txt"])
    #expect(changed == (try await repository.status()).changed)
  }

  @Test("Changes since an older commit include later commits, dirty files and untracked files")
  func changedSinceOlderCommit() async throws {
    // Given a baseline commit, then a commit that modifies, adds and deletes files
    let fixture = try GitFixture()
    try fixture.write("*.log\n", to: ".gitignore")
    try fixture.write("same\n", to: "unchanged.txt")
    try fixture.write("v1\n", to: "modified.txt")
    try fixture.write("gone\n", to: "deleted.txt")
    try fixture.write("v1\n", to: "dirty.txt")
    let baseline = try #require(CommitID(try fixture.commit("Baseline")))
    try fixture.write("v2\n", to: "modified.txt")
    try fixture.write("hello\n", to: "added.txt")
    try fixture.removeItem("deleted.txt")
    try fixture.commit("Later")
    // and a dirty work tree with an untracked and an ignored file
    try fixture.write("v2\n", to: "dirty.txt")
    try fixture.write("u\n", to: "untracked/file.txt")
    try fixture.write("noise\n", to: "debug.log")
    let repository = Repository(root: fixture.path)

    let changed = try await repository.changedFiles(since: baseline)

    #expect(
      changed == ["modified.txt", "added.txt", "deleted.txt", "dirty.txt", "untracked/file.txt"])
  }

  @Test("A file changed after the commit and changed back is not reported")
  func revertedChangeSinceOlderCommit() async throws {
    let fixture = try GitFixture()
    try fixture.write("v1\n", to: "file.txt")
    let baseline = try #require(CommitID(try fixture.commit()))
    try fixture.write("v2\n", to: "file.txt")
    try fixture.commit()
    try fixture.write("v1\n", to: "file.txt")

    let changed = try await Repository(root: fixture.path).changedFiles(since: baseline)

    #expect(changed.isEmpty)
  }

  @Test("Changes since a commit the repository lacks throw unknownCommit")
  func changedSinceUnknownCommit() async throws {
    let fixture = try GitFixture()
    try fixture.commit()
    let repository = Repository(root: fixture.path)

    await #expect(throws: GitError.unknownCommit(Self.missingCommit)) {
      try await repository.changedFiles(since: Self.missingCommit)
    }
  }

  @Test("Changes since a commit on an unborn branch include every new file")
  func changedSinceCommitFromOtherBranchOnUnbornBranch() async throws {
    let fixture = try GitFixture()
    try fixture.write("a\n", to: "a.txt")
    let first = try #require(CommitID(try fixture.commit()))
    try fixture.git("checkout", "-q", "--orphan", "fresh")
    try fixture.git("rm", "-q", "-r", "--cached", ".")
    try fixture.removeItem("a.txt")
    try fixture.write("b\n", to: "b.txt")

    let changed = try await Repository(root: fixture.path).changedFiles(since: first)

    #expect(changed == ["a.txt", "b.txt"])
  }

  @Test("A parent is an ancestor of its child, not the reverse; a commit is its own ancestor")
  func ancestry() async throws {
    let fixture = try GitFixture()
    let parent = try #require(CommitID(try fixture.commit()))
    let child = try #require(CommitID(try fixture.commit()))
    let repository = Repository(root: fixture.path)

    #expect(try await repository.isAncestor(parent, of: child))
    #expect(try await !repository.isAncestor(child, of: parent))
    #expect(try await repository.isAncestor(child, of: child))
  }

  @Test("Commits on sibling branches are not ancestors of each other")
  func siblingBranches() async throws {
    let fixture = try GitFixture()
    try fixture.commit()
    try fixture.branch("topic")
    let topic = try #require(CommitID(try fixture.commit("Topic")))
    try fixture.checkout("main")
    let main = try #require(CommitID(try fixture.commit("Main")))
    let repository = Repository(root: fixture.path)

    #expect(try await !repository.isAncestor(topic, of: main))
    #expect(try await !repository.isAncestor(main, of: topic))
  }

  @Test("Asking about the ancestry of a missing commit throws unknownCommit")
  func ancestryOfUnknownCommit() async throws {
    let fixture = try GitFixture()
    let head = try #require(CommitID(try fixture.commit()))
    let repository = Repository(root: fixture.path)

    await #expect(throws: GitError.unknownCommit(Self.missingCommit)) {
      try await repository.isAncestor(Self.missingCommit, of: head)
    }
    await #expect(throws: GitError.unknownCommit(Self.missingCommit)) {
      try await repository.isAncestor(head, of: Self.missingCommit)
    }
  }

  @Test("Resolving HEAD, a branch or an abbreviated id gives the full commit id")
  func resolveRevisions() async throws {
    let fixture = try GitFixture()
    let head = try #require(CommitID(try fixture.commit()))
    try fixture.git("tag", "-a", "v1", "-m", "Version 1")
    let repository = Repository(root: fixture.path)

    #expect(try await repository.resolve("HEAD") == head)
    #expect(try await repository.resolve("main") == head)
    #expect(try await repository.resolve("v1") == head)
    #expect(try await repository.resolve(head.short) == head)
  }

  @Test("Resolving a name that is not a commit throws unknownRevision")
  func resolveUnknownRevision() async throws {
    let fixture = try GitFixture()
    try fixture.commit()
    let repository = Repository(root: fixture.path)

    await #expect(throws: GitError.unknownRevision("no-such-branch")) {
      try await repository.resolve("no-such-branch")
    }
    await #expect(throws: GitError.unknownRevision("--help")) {
      try await repository.resolve("--help")
    }
  }

  @Test("Ancestors are listed newest first along first parents, up to the limit")
  func ancestorsNewestFirst() async throws {
    let fixture = try GitFixture()
    let first = try #require(CommitID(try fixture.commit()))
    let second = try #require(CommitID(try fixture.commit()))
    let third = try #require(CommitID(try fixture.commit()))
    let repository = Repository(root: fixture.path)

    #expect(try await repository.ancestors(of: third, limit: 10) == [third, second, first])
    #expect(try await repository.ancestors(of: third, limit: 2) == [third, second])
    #expect(try await repository.ancestors(of: third, limit: 0) == [])
    await #expect(throws: GitError.unknownCommit(Self.missingCommit)) {
      try await repository.ancestors(of: Self.missingCommit, limit: 5)
    }
  }
}
