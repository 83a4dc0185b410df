import SieveTestSupport
import Testing

@testable import SieveGit

@Suite("Repository.discover(from:)")
struct RepositoryDiscoveryTests {
  @Test("Discovering from the top of a work tree returns that directory as the root")
  func discoverFromRoot() async throws {
    let fixture = try GitFixture()

    let repository = try await Repository.discover(from: fixture.path)

    #expect(repository.root == fixture.path)
  }

  @Test("Discovering from a nested directory returns the top of the work tree")
  func discoverFromNestedDirectory() async throws {
    let fixture = try GitFixture()
    try fixture.write("", to: "a/b/c/.keep")

    let repository = try await Repository.discover(from: fixture.path + "/a/b/c")

    #expect(repository.root == fixture.path)
  }

  @Test("A directory outside any repository is not a repository, and the message says git init")
  func notARepository() async throws {
    let directory = try TemporaryDirectory()

    let error = await #expect(throws: GitError.self) {
      try await Repository.discover(from: directory.path)
    }

    #expect(error == .notARepository(directory: directory.path))
    #expect(error?.description.contains(directory.path) == true)
    #expect(error?.description.contains("git init") == true)
  }

  @Test("A directory that does not exist is not a repository")
  func missingDirectory() async throws {
    let directory = try TemporaryDirectory()
    let missing = directory.path + "/does/not/exist"

    await #expect(throws: GitError.notARepository(directory: missing)) {
      try await Repository.discover(from: missing)
    }
  }

  @Test("The .git directory itself is not a work tree")
  func insideGitDirectory() async throws {
    let fixture = try GitFixture()
    let gitDirectory = fixture.path + "/.git"

    await #expect(throws: GitError.notARepository(directory: gitDirectory)) {
      try await Repository.discover(from: gitDirectory)
    }
  }

  @Test("A git that cannot be found is reported as gitNotFound")
  func gitNotFound() async throws {
    let fixture = try GitFixture()
    let git = GitCommand(executable: "sieve-no-such-git")

    await #expect(throws: GitError.gitNotFound(executable: "sieve-no-such-git")) {
      try await Repository.discover(from: fixture.path, git: git)
    }
  }
}
