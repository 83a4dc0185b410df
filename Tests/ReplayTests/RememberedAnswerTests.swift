import Foundation
import SieveReplay
import SieveTestSupport
import Testing

@Suite("Remembered answers: the file format and the checks the front makes")
struct RememberedAnswerTests {
  static func answer(files: [RememberedAnswer.WatchedFile] = [], directory: String = "/work")
    -> RememberedAnswer
  {
    RememberedAnswer(
      invocation: Invocation(
        arguments: ["affected", "--json"], directory: directory,
        environment: ["HOME=/home/me", "PATH=/usr/bin"], terminals: 2),
      repositoryRoot: "/work", gitStatus: Array("# branch.oid abc\u{0}".utf8),
      files: files,
      links: [
        .init(path: "/venv/bin/python", target: "/usr/bin/python3.12"),
        .init(path: "/gone", target: nil),
      ],
      exitStatus: 0,
      writes: [
        .init(descriptor: 2, bytes: Array("sieve: 0 of 3 tests\n".utf8)),
        .init(descriptor: 1, bytes: []),
      ])
  }

  @Test("an answer reads back exactly as it was written")
  func roundTrip() {
    let signature = FileSignature(
      device: 1, inode: .max, size: 12, mode: 0o100644, modified: -5, changed: 1 << 62)
    let answer = Self.answer(files: [
      .init(path: "/work/.sieve/sieve.db", signature: signature),
      .init(path: "/work/.sieve.toml", signature: nil),
    ])
    #expect(RememberedAnswer(encoded: answer.encoded()) == answer)
  }

  @Test("a file that ends early, has bytes left over or another header is no answer")
  func damaged() {
    let bytes = Self.answer().encoded()
    for length in [0, 5, bytes.count / 2, bytes.count - 1] {
      #expect(RememberedAnswer(encoded: Array(bytes.prefix(length))) == nil, "\(length) bytes")
    }
    #expect(RememberedAnswer(encoded: bytes + [0]) == nil)
    var otherVersion = bytes
    otherVersion[13] = UInt8(ascii: "9")
    #expect(RememberedAnswer(encoded: otherVersion) == nil)
  }

  @Test("an answer holds only for the same invocation")
  func invocation() throws {
    let answer = Self.answer()
    var other = answer.invocation
    other.arguments = ["affected"]
    #expect(answer.check(for: other) == .differs(gitStatus: nil), "git is not run")
    other = answer.invocation
    other.environment.append("TRACKED=1")
    #expect(answer.check(for: other) == .differs(gitStatus: nil), "git is not run")
    other = answer.invocation
    other.terminals = 3
    #expect(answer.check(for: other) == .differs(gitStatus: nil), "git is not run")
  }

  @Test("a watched file that is rewritten, created or removed, or a link that moves, voids it")
  func watchedFiles() throws {
    let directory = try TemporaryDirectory()
    try directory.write("x = 1\n", to: "app.py")
    let app = directory.path + "/app.py"
    let missing = directory.path + "/later.py"
    var answer = Self.answer(files: [
      .init(path: app, signature: FileSignature.of(app)),
      .init(path: missing, signature: nil),
    ])
    answer.links = [.init(path: app, target: ResolvedPath.of(app))]
    #expect(answer.filesAreUnchanged())

    // The same size and the same modification time: only the change time tells.
    let modified = try #require(FileSignature.of(app)).modified
    try directory.write("x = 2\n", to: "app.py")
    var times = [
      timespec(tv_sec: Int(modified / 1_000_000_000), tv_nsec: Int(modified % 1_000_000_000)),
      timespec(tv_sec: Int(modified / 1_000_000_000), tv_nsec: Int(modified % 1_000_000_000)),
    ]
    #expect(utimensat(AT_FDCWD, app, &times, 0) == 0)
    #expect(FileSignature.of(app)?.modified == modified)
    #expect(!answer.filesAreUnchanged())

    answer.files[0].signature = FileSignature.of(app)
    #expect(answer.filesAreUnchanged())
    try directory.write("", to: "later.py")
    #expect(!answer.filesAreUnchanged())
    try directory.removeItem("later.py")
    #expect(answer.filesAreUnchanged())

    try FileManager.default.createSymbolicLink(atPath: missing, withDestinationPath: app)
    answer.files[1].signature = FileSignature.of(missing)
    answer.links = [.init(path: missing, target: app)]
    #expect(answer.filesAreUnchanged())
    try directory.write("y = 1\n", to: "other.py")
    try FileManager.default.removeItem(atPath: missing)
    try FileManager.default.createSymbolicLink(
      atPath: missing, withDestinationPath: directory.path + "/other.py")
    answer.files[1].signature = FileSignature.of(missing)
    #expect(!answer.filesAreUnchanged(), "the link leads elsewhere")
  }

  @Test("a file touched within the margin before a moment is not settled")
  func settled() throws {
    let signature = FileSignature(
      device: 1, inode: 2, size: 3, mode: 0, modified: 1_000, changed: 5_000)
    #expect(signature.isSettled(before: 8_000, margin: 2_000))
    #expect(!signature.isSettled(before: 7_000, margin: 2_000), "the change time counts")
    #expect(!signature.isSettled(before: 4_000, margin: 0))
  }
}
