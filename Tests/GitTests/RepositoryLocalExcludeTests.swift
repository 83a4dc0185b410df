import SieveGit
import SieveModel
import SieveTestSupport
import Testing

@Suite("Repository.excludeLocally(_:)")
struct RepositoryLocalExcludeTests {
  @Test("Excluding a pattern twice writes it once, and git then ignores matching files")
  func excludeIsIdempotent() async throws {
    let fixture = try GitFixture()
    try fixture.commit()
    try fixture.write("data\n", to: ".sieve/store.db")
    let repository = Repository(root: fixture.path)

    try await repository.excludeLocally("/.sieve/")
    try await repository.excludeLocally("/.sieve/")

    let exclude = try fixture.read(".git/info/exclude")
    #expect(exclude.split(separator: "\n").filter { $0 == "/.sieve/" }.count == 1)
    #expect(try await repository.status().isClean)
  }

  @Test("Excluding adds a newline first when the file does not end in one")
  func excludeAfterUnterminatedLine() async throws {
    let fixture = try GitFixture()
    try fixture.write("*.tmp", to: ".git/info/exclude")
    let repository = Repository(root: fixture.path)

    try await repository.excludeLocally("/.sieve/")

    #expect(try fixture.read(".git/info/exclude") == "*.tmp\n/.sieve/\n")
  }

  @Test("Excluding creates .git/info when a repository has none")
  func excludeWithoutInfoDirectory() async throws {
    let fixture = try GitFixture()
    try fixture.removeItem(".git/info")
    let repository = Repository(root: fixture.path)

    try await repository.excludeLocally("/.sieve/")

    #expect(try fixture.read(".git/info/exclude") == "/.sieve/\n")
  }

  @Test("In a linked worktree, where .git is a file, the shared exclude file is updated")
  func excludeInLinkedWorktree() async throws {
    // Given a linked worktree of a repository
    let fixture = try GitFixture()
    try fixture.commit()
    let worktrees = try TemporaryDirectory()
    let worktreePath = worktrees.path + "/linked"
    try fixture.git("worktree", "add", "-q", worktreePath)
    try worktrees.write("data\n", to: "linked/.sieve/store.db")

    // When the worktree excludes a pattern
    let repository = try await Repository.discover(from: worktreePath)
    try await repository.excludeLocally("/.sieve/")

    // Then the main repository's exclude file holds it, and the worktree is clean
    #expect(repository.root == worktreePath)
    #expect(try fixture.read(".git/info/exclude").hasSuffix("/.sieve/\n"))
    #expect(try await repository.status().isClean)
  }
}
