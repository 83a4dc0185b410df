import Foundation
import SieveReplay
import SieveTestSupport
import Testing

@Suite("The answer folder, the repository root and the front's git status")
struct AnswerFolderTests {
  @Test("answers are kept per command line and directory, only where .sieve exists")
  func remember() throws {
    let directory = try TemporaryDirectory()
    let folder = AnswerFolder(repositoryRoot: directory.path)
    let answer = RememberedAnswerTests.answer()
    #expect(!folder.remember(answer), "no .sieve folder: nothing is created")
    #expect(!directory.exists(".sieve"))

    try FileManager.default.createDirectory(
      atPath: directory.path + "/.sieve", withIntermediateDirectories: false)
    #expect(folder.remember(answer))
    #expect(folder.answer(for: answer.invocation) == answer)

    var other = RememberedAnswerTests.answer(directory: "/work/sub")
    other.exitStatus = 1
    #expect(folder.answer(for: other.invocation) == nil)
    #expect(folder.remember(other))
    #expect(folder.answer(for: answer.invocation) == answer)
    #expect(folder.answer(for: other.invocation) == other)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names.count == 2, "no temporary file is left: \(names)")
  }

  @Test("the root is the nearest directory with a .git entry")
  func root() throws {
    let directory = try TemporaryDirectory()
    try directory.write("", to: "repo/a/b/file")
    try directory.write("gitdir: elsewhere\n", to: "repo/a/.git")
    try FileManager.default.createDirectory(
      atPath: directory.path + "/repo/.git", withIntermediateDirectories: false)
    #expect(RepositoryRoot.containing(directory.path + "/repo/a/b") == directory.path + "/repo/a")
    #expect(RepositoryRoot.containing(directory.path + "/repo") == directory.path + "/repo")
    #expect(RepositoryRoot.containing(directory.path) == nil)
  }

  @Test("the front's git status prints what git prints, and nothing outside a repository")
  func gitStatus() throws {
    let repository = try GitFixture()
    try repository.write("x = 1\n", to: "app.py")
    let environment = GitFixture.environment.merging(
      ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    ) { $1 }.map { "\($0.key)=\($0.value)" }
    let output = try #require(GitStatusCall.run(in: repository.path, environment: environment))
    let expected = try repository.git(GitStatusCall.arguments)
    #expect(String(decoding: output, as: UTF8.self).hasPrefix("# branch.oid (initial)"))
    #expect(String(decoding: output, as: UTF8.self).contains("? app.py"))
    #expect(expected.hasPrefix("# branch.oid (initial)"))
    let outside = try TemporaryDirectory()
    #expect(GitStatusCall.run(in: outside.path, environment: environment) == nil)
  }
}

@Suite("The front's git status, handed to sieve-core")
struct GitStatusHandoffTests {
  @Test("the bytes are taken once, only for the work tree they were read in")
  func handoff() throws {
    let bytes = Array("# branch.oid abc\u{0}1 .M N... 100644 100644 100644 a b app.py\u{0}".utf8)
    #expect(GitStatusHandoff.leave(bytes, root: "/work/project"))
    #expect(GitStatusHandoff.take(root: "/work/project") == bytes)
    #expect(getenv(GitStatusHandoff.variable) == nil, "programs Sieve starts do not inherit it")
    #expect(GitStatusHandoff.take(root: "/work/project") == nil, "taken once")

    #expect(GitStatusHandoff.leave(bytes, root: "/work/project"))
    #expect(GitStatusHandoff.take(root: "/work/other") == nil)
    #expect(getenv(GitStatusHandoff.variable) == nil)
  }
}
