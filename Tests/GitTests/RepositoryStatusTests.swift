import SieveGit
import SieveModel
import SieveTestSupport
import Testing

@Suite("Repository.status()")
struct RepositoryStatusTests {
  /// A repository with one commit holding `README.md` and `app/main.py`.
  ///
  /// Keep the fixture in a variable that the test uses: its directory is deleted when the
  /// fixture is released.
  private func committedFixture() throws -> (GitFixture, Repository, CommitID) {
    let fixture = try GitFixture()
    try fixture.write("# Demo\n", to: "README.md")
    try fixture.write("print('hi')\n", to: "app/main.py")
    let commit = try #require(CommitID(try fixture.commit("Initial")))
    return (fixture, Repository(root: fixture.path), commit)
  }

  @Test("A freshly committed repository is clean, on its branch, at its commit")
  func cleanRepository() async throws {
    let (fixture, repository, commit) = try committedFixture()

    let status = try await repository.status()

    #expect(status.isClean)
    #expect(try fixture.git("status", "--porcelain").isEmpty)
    #expect(status.changed.isEmpty)
    #expect(status.head == commit)
    #expect(status.branch == "main")
  }

  @Test("A file modified in the work tree is changed")
  func modifiedFile() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.write("print('bye')\n", to: "app/main.py")

    let status = try await repository.status()

    #expect(status.changed == ["app/main.py"])
    #expect(!status.isClean)
    #expect(status.untracked.isEmpty)
  }

  @Test("A staged change is changed, even when the work tree matches the index")
  func stagedFile() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.write("# Staged\n", to: "README.md")
    try fixture.git("add", "README.md")

    let status = try await repository.status()

    #expect(status.changed == ["README.md"])
  }

  @Test("A file deleted from the work tree, or with git rm, is changed")
  func deletedFiles() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.removeItem("README.md")
    try fixture.git("rm", "-q", "app/main.py")

    let status = try await repository.status()

    #expect(status.changed == ["README.md", "app/main.py"])
  }

  @Test("An untracked file in a new directory is listed by its own path, not the directory")
  func untrackedInNewDirectory() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.write("x = 1\n", to: "new/deeper/module.py")

    let status = try await repository.status()

    #expect(status.changed == ["new/deeper/module.py"])
    #expect(status.untracked == ["new/deeper/module.py"])
  }

  @Test("A staged rename lists both the old and the new path")
  func stagedRename() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.git("mv", "app/main.py", "app/entry.py")

    let status = try await repository.status()

    #expect(status.changed == ["app/main.py", "app/entry.py"])
  }

  @Test(
    "Paths with spaces, non-ASCII letters, quotes and newlines come back verbatim",
    arguments: [
      "with space.py", "docs/naïve café.md", "日本語/ファイル.txt", "quote\"d.py", "new\nline.txt",
    ]
  )
  func unusualPaths(path: String) async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.write("tracked\n", to: path)
    try fixture.commit("Add \(path)")
    try fixture.write("modified\n", to: path)
    try fixture.write(
      "untracked\n", to: "untracked " + path.replacingOccurrences(of: "/", with: "-"))

    let status = try await repository.status()

    #expect(
      status.changed == [
        RepoPath(path), RepoPath("untracked " + path.replacingOccurrences(of: "/", with: "-")),
      ]
    )
  }

  @Test("Ignored files are not changed")
  func ignoredFiles() async throws {
    let (fixture, repository, _) = try committedFixture()
    try fixture.write("*.log\nbuild/\n", to: ".gitignore")
    try fixture.commit("Ignore logs")
    try fixture.write("noise\n", to: "debug.log")
    try fixture.write("artifact\n", to: "build/output.bin")

    let status = try await repository.status()

    #expect(status.isClean)
  }

  @Test("A repository without commits has no head, keeps its branch, and lists new files")
  func unbornBranch() async throws {
    let fixture = try GitFixture()
    try fixture.write("x = 1\n", to: "first.py")
    let repository = Repository(root: fixture.path)

    let status = try await repository.status()

    #expect(status.head == nil)
    #expect(status.branch == "main")
    #expect(status.changed == ["first.py"])
  }

  @Test("A detached HEAD has no branch but keeps its commit")
  func detachedHead() async throws {
    let (fixture, repository, first) = try committedFixture()
    try fixture.write("two\n", to: "second.txt")
    try fixture.commit("Second")
    try fixture.checkout(first.value)

    let status = try await repository.status()

    #expect(status.branch == nil)
    #expect(status.head == first)
    #expect(status.isClean)
  }

  @Test("A merge conflict lists the conflicted file as changed and conflicted")
  func mergeConflict() async throws {
    // Given two branches that change the same line
    let (fixture, repository, _) = try committedFixture()
    try fixture.branch("topic")
    try fixture.write("print('topic')\n", to: "app/main.py")
    try fixture.commit("Topic")
    try fixture.checkout("main")
    try fixture.write("print('main')\n", to: "app/main.py")
    try fixture.commit("Main")
    // When they are merged
    let merge = try Shell.run(
      "git", ["merge", "-q", "topic"], in: fixture.path, environment: GitFixture.environment)
    #expect(merge.status != 0)

    // Then the file is conflicted
    let status = try await repository.status()
    #expect(status.conflicted == ["app/main.py"])
    #expect(status.changed == ["app/main.py"])
  }

  @Test("Paths are relative to the repository root when discovered from a subdirectory")
  func pathsFromSubdirectory() async throws {
    let (fixture, _, _) = try committedFixture()
    try fixture.write("print('bye')\n", to: "app/main.py")
    try fixture.write("y = 2\n", to: "app/extra.py")
    try fixture.write("top\n", to: "top.txt")

    let repository = try await Repository.discover(from: fixture.path + "/app")
    let status = try await repository.status()

    #expect(repository.root == fixture.path)
    #expect(status.changed == ["app/main.py", "app/extra.py", "top.txt"])
  }
}
