import Foundation
import Sieve
import SieveReplay
import SieveTestSupport
import Testing

/// The `sieve` front replays a remembered `sieve affected` answer only while everything the
/// answer was computed from is unchanged; each rule here voids it one way.
///
/// Each test records, waits out the settle margin (a file changed within it is not trusted),
/// lets the full program remember its answer, then asks a copy of the front that has no
/// `sieve-core` beside it: that copy can only replay, and exits 70 when it would have to
/// decide.
@Suite("Remembered answers")
struct RememberedAnswerTests {
  /// A recorded project whose `sieve affected` answer is remembered, and a front that can
  /// only replay.
  struct Remembered {
    let project: SieveProject
    let frontFolder: TemporaryDirectory
    let environment: [String: String]
    var front: String { frontFolder.path + "/sieve" }

    init(
      project: SieveProject? = nil, environment: [String: String] = [:],
      arguments: [String] = ["affected"],
      afterRun: (SieveProject) throws -> Void = { _ in }
    ) throws {
      let project = try project ?? SieveProject()
      self.project = project
      self.environment = environment
      try project.run(environment: environment)
      try afterRun(project)
      Thread.sleep(forTimeInterval: Double(AnswerRecorder.settleMargin) / 1e9 + 0.2)
      frontFolder = try TemporaryDirectory(prefix: "sieve-front")
      try FileManager.default.copyItem(atPath: SieveProject.sieveExecutable, toPath: front)
      let full = try project.sieve(arguments, environment: environment)
      #expect(full.status == 0, "\(full.stderr)")
    }

    /// Runs the replay-only front.
    func replay(_ arguments: [String] = ["affected"], environment extra: [String: String] = [:])
      throws -> SieveProject.Output
    {
      try project.sieve(
        arguments, environment: environment.merging(extra) { $1 }, executable: front)
    }

    /// Whether the front replayed instead of needing the full program.
    func replays(
      _ arguments: [String] = ["affected"], environment extra: [String: String] = [:]
    ) throws -> Bool {
      let output = try replay(arguments, environment: extra)
      if output.status == 70 && output.stderr.contains("sieve-core") { return false }
      #expect(output.status == 0, "\(output.stderr)")
      return true
    }
  }

  @Test("nothing changed: the front replays the full program's output byte for byte")
  func replaysIdentically() throws {
    let remembered = try Remembered()
    let full = try remembered.project.sieve("affected")
    let replayed = try remembered.replay()
    #expect(replayed.status == full.status)
    #expect(replayed.stdout == full.stdout)
    #expect(replayed.stderr == full.stderr)
    #expect(replayed.stderr.contains("0 of \(BasicTests.count) tests affected"))
  }

  @Test("a dirty tree is remembered too, and voided when the dirty file changes again")
  func dirtyFileChangesAgain() throws {
    let remembered = try Remembered {
      try $0.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    }
    let project = remembered.project
    let replayed = try remembered.replay()
    #expect(Set(replayed.lines) == [BasicTests.multiply])
    // Same status line (" M app/calc.py"), same size: only the file's signature differs.
    try project.edit("app/calc.py", replacing: "return b * a", with: "return a + b")
    #expect(try !remembered.replays())
    #expect(try project.affected() == [BasicTests.multiply])
  }

  @Test("an edited file, a new file or a commit voids the answer (git status differs)")
  func gitStatusChanges() throws {
    let remembered = try Remembered()
    let project = remembered.project
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try !remembered.replays())
    // The full program decides from the git status the front hands it.
    #expect(try project.affected() == [BasicTests.multiply])
    try project.repository.git("checkout", "app/calc.py")
    #expect(try remembered.replays(), "back as it was")
    try project.write("", to: "notes.txt")
    #expect(try !remembered.replays())
    try project.repository.commit("Notes")
    #expect(try !remembered.replays())
  }

  @Test("a new recording voids the answer (the database changed)")
  func databaseChanges() throws {
    let remembered = try Remembered()
    try remembered.project.sieve(
      ["run", "--all", "--", "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    #expect(try !remembered.replays())
  }

  @Test("another argument, directory or environment variable is another invocation")
  func invocationDiffers() throws {
    let remembered = try Remembered()
    #expect(try !remembered.replays(["affected", "--json"]))
    #expect(try !remembered.replays(environment: ["SIEVE_SOMETHING": "1"]))
    let sub = try remembered.project.sieve(
      ["-C", "app", "affected"], executable: remembered.front)
    #expect(sub.status == 70, "the same arguments from another directory: \(sub.stderr)")
    #expect(try remembered.replays())
  }

  @Test("a rules file appearing voids the answer, even one git ignores")
  func configurationAppears() throws {
    let project = try SieveProject()
    try project.write(".sieve.toml\n", to: ".git/info/exclude")
    let remembered = try Remembered(project: project)
    try project.write("ignore = [\"*.md\"]\n", to: ".sieve.toml")
    #expect(try !remembered.replays())
  }

  @Test("a package installed outside the repository voids the answer")
  func packageInstalled() throws {
    let extra = try TemporaryDirectory(prefix: "sieve-extra")
    let remembered = try Remembered(environment: ["PYTHONPATH": extra.path])
    #expect(try remembered.replays())
    try FileManager.default.createDirectory(
      atPath: extra.path + "/fakepkg-1.0.dist-info", withIntermediateDirectories: true)
    #expect(try !remembered.replays())
  }

  @Test("an answer computed while an input was fresh is not remembered")
  func freshInputs() throws {
    let project = try SieveProject()
    try project.run()
    try project.sieve("affected")
    let answers = project.path + "/.sieve/answers"
    #expect((try? FileManager.default.contentsOfDirectory(atPath: answers))?.isEmpty ?? true)
  }

  @Test("the answer names the program that computed it, so a new build voids it")
  func programIsWatched() throws {
    let remembered = try Remembered()
    let answers = remembered.project.path + "/.sieve/answers"
    let names = try FileManager.default.contentsOfDirectory(atPath: answers)
    try #require(names.count == 1)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: answers + "/" + names[0]))
    let answer = try #require(RememberedAnswer(encoded: Array(bytes)))
    #expect(answer.files.contains { $0.path.hasSuffix("/sieve-core") && $0.signature != nil })
    #expect(answer.files.contains { $0.path.hasSuffix("/.sieve/sieve.db") })
  }

  /// `sieve run` as ``SieveProject/run(_:python:environment:)`` calls it.
  static let run = ["run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider"]

  @Test("sieve run with nothing affected is replayed: the same line, exit 0, no pytest")
  func runReplayed() throws {
    let remembered = try Remembered(arguments: Self.run)
    let full = try remembered.project.sieve(Self.run)
    let replayed = try remembered.replay(Self.run)
    #expect(replayed.status == 0)
    #expect(replayed.stdout.isEmpty && replayed.stdout == full.stdout)
    #expect(replayed.stderr == full.stderr)
    #expect(replayed.stderr.contains("0 of \(BasicTests.count) tests affected"))
    try remembered.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try !remembered.replays(Self.run))
    #expect(try remembered.project.run().ranTests == [BasicTests.multiply])
  }

  @Test("a program appearing earlier on PATH voids a run's answer (another python3 would run)")
  func programOnPath() throws {
    let bin = try TemporaryDirectory(prefix: "sieve-bin")
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let remembered = try Remembered(environment: ["PATH": path], arguments: Self.run)
    #expect(try remembered.replays(Self.run))
    try bin.write("#!/bin/sh\nexec /usr/bin/env python3 \"$@\"\n", to: "python3")
    #expect(chmod(bin.path + "/python3", 0o755) == 0)
    #expect(try !remembered.replays(Self.run))
  }

  @Test("a run that writes a JUnit report is never remembered")
  func runWithSideEffects() throws {
    let junit = ["run", "--junitxml", "report.xml"] + Self.run.dropFirst()
    let remembered = try Remembered(arguments: junit)
    #expect(try !remembered.replays(junit))
    let answers = remembered.project.path + "/.sieve/answers"
    #expect((try? FileManager.default.contentsOfDirectory(atPath: answers))?.isEmpty ?? true)
  }
}
