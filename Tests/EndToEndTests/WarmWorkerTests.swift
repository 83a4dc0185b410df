import Foundation
import Sieve
import SieveTestSupport
import Testing

/// `sieve run --warm`: pytest forked from a background process that keeps it imported.
@Suite("Warm pytest worker")
struct WarmWorkerTests {
  /// A project with its own temporary folder (so its worker's socket is its own) and, on
  /// `PYTHONPATH`, an installed pytest plugin the worker preloads.
  struct WarmProject {
    let project: SieveProject
    let scratch: TemporaryDirectory
    let environment: [String: String]

    /// - Parameter pluginInsideRepository: Put the plugin's distribution in the repository
    ///   (as an editable install of the project's own plugin would be) instead of outside.
    init(pluginInsideRepository: Bool = false) throws {
      project = try SieveProject()
      scratch = try TemporaryDirectory(prefix: "warm")
      let site = pluginInsideRepository ? project.path + "/plugins" : scratch.path + "/site"
      try Self.installPlugin(into: site)
      environment = [
        "TMPDIR": scratch.path, "PYTHONPATH": site, "SIEVE_WARM_IDLE": "60",
      ]
    }

    /// A distribution `fakeplug` with one `pytest11` entry point, as pip would install it.
    static func installPlugin(into site: String) throws {
      let info = site + "/fakeplug-1.0.dist-info"
      try FileManager.default.createDirectory(atPath: info, withIntermediateDirectories: true)
      try "VALUE = 1\n".write(toFile: site + "/fakeplug.py", atomically: true, encoding: .utf8)
      try "Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.0\n".write(
        toFile: info + "/METADATA", atomically: true, encoding: .utf8)
      try "[pytest11]\nfakeplug = fakeplug\n".write(
        toFile: info + "/entry_points.txt", atomically: true, encoding: .utf8)
      try "fakeplug\n".write(toFile: info + "/top_level.txt", atomically: true, encoding: .utf8)
    }

    @discardableResult
    func run(_ extra: String..., adding variables: [String: String] = [:]) throws
      -> SieveProject.Output
    {
      try project.sieve(
        ["run", "--warm"] + extra + [
          "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider",
        ],
        environment: environment.merging(variables) { $1 })
    }

    /// The environment of a developer's machine: no `SIEVE_WARM`, no CI variable.
    var defaultModeEnvironment: [String: String] {
      var unset = [WarmMode.variable: ""]
      for name in WarmMode.continuousIntegrationVariables { unset[name] = "" }
      return environment.merging(unset) { $1 }
    }

    /// Runs `sieve run` without `--warm`, as on a developer's machine.
    @discardableResult
    func runByDefault(_ extra: [String] = [], adding variables: [String: String] = [:]) throws
      -> SieveProject.Output
    {
      try project.sieve(
        ["run"] + extra + ["--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider"],
        environment: defaultModeEnvironment.merging(variables) { $1 })
    }

    /// The files in the workers' folder: sockets and logs.
    var workerFiles: [String] {
      let folder = scratch.path + "/sieve-warm-\(getuid())"
      return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    /// Waits until the worker listens (its socket exists), at most 30 s.
    func waitForWorker() throws {
      try waitForWorkers(1)
    }

    /// The sockets of the workers that listen now.
    var sockets: Set<String> {
      let folder = scratch.path + "/sieve-warm-\(getuid())"
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      return Set(
        names.filter { name in
          var info = stat()
          return lstat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
        })
    }

    /// Waits until `count` workers listen (each one's socket exists), at most 30 s.
    func waitForWorkers(_ count: Int) throws {
      let folder = scratch.path + "/sieve-warm-\(getuid())"
      for _ in 0..<300 {
        if sockets.count >= count { return }
        Thread.sleep(forTimeInterval: 0.1)
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      let logs = names.filter { $0.hasSuffix(".log") }.compactMap {
        try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
      }
      Issue.record("no \(count) warm workers within 30 s in \(folder): \(names), logs: \(logs)")
    }
  }

  @Test("A warm run runs and records what a cold run does")
  func warmMatchesCold() throws {
    // Given a project run once with --warm (cold: it starts the worker) and a copy run cold
    let warm = try WarmProject()
    let cold = try SieveProject()
    let first = try warm.run()
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("started a warm pytest worker for the next run"))
    try cold.run()
    try warm.waitForWorker()

    // When the same edit is run in both
    for project in [warm.project, cold] {
      try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    }
    let second = try warm.run()
    let coldSecond = try cold.run()

    // Then the warm one ran in the worker, the same test, and both recorded the same
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("pytest ran in the warm worker"), "\(second.stderr)")
    #expect(second.ranTests == [BasicTests.multiply])
    #expect(second.ranTests == coldSecond.ranTests)
    let warmRows = try SieveDatabase.testsWithDependencies(
      in: warm.project.path + "/.sieve/sieve.db")
    let coldRows = try SieveDatabase.testsWithDependencies(in: cold.path + "/.sieve/sieve.db")
    #expect(!warmRows.isEmpty)
    #expect(warmRows == coldRows)
  }

  @Test("A test that fails in the worker fails the run, with pytest's exit code and output")
  func failureInWorker() throws {
    let warm = try WarmProject()
    try warm.run()
    try warm.waitForWorker()
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return a * b + 1")
    let run = try warm.run()
    #expect(run.stderr.contains("pytest ran in the warm worker"), "\(run.stderr)")
    #expect(run.status == 1)
    #expect(run.stdout.contains("FAILED \(BasicTests.multiply)"), "\(run.stdout)")
  }

  @Test("The shell's previous directory is the run's own: a `cd` between runs keeps it warm")
  func previousDirectoryIsPerRun() throws {
    let warm = try WarmProject()
    try warm.run(adding: ["OLDPWD": "/"])
    try warm.waitForWorker()
    try warm.project.write(
      "import os\n\ndef test_oldpwd():\n    assert os.environ['OLDPWD'] == '/tmp'\n",
      to: "tests/test_oldpwd.py")

    let run = try warm.run(adding: ["OLDPWD": "/tmp"])

    #expect(run.stderr.contains("pytest ran in the warm worker"), "\(run.stderr)")
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.ranTests == ["tests/test_oldpwd.py::test_oldpwd"])
  }

  @Test("A repository keeps two workers: a third ends the least recently used of them")
  func workersPerRepositoryAreBounded() throws {
    let warm = try WarmProject()
    let flavour = { (name: String) in ["SIEVE_TEST_FLAVOUR": name] }
    try warm.run("--all", adding: flavour("a"))
    try warm.waitForWorkers(1)
    try warm.run("--all", adding: flavour("b"))
    try warm.waitForWorkers(2)
    let firstTwo = warm.sockets
    let again = try warm.run("--all", adding: flavour("a"))  // a is now the one used last
    #expect(again.stderr.contains("pytest ran in the warm worker"), "\(again.stderr)")

    try warm.run("--all", adding: flavour("c"))
    var sockets = warm.sockets
    for _ in 0..<300 where sockets.isSubset(of: firstTwo) {  // until c's worker listens
      Thread.sleep(forTimeInterval: 0.1)
      sockets = warm.sockets
    }

    #expect(sockets.count == 2, "\(sockets)")
    #expect(sockets.intersection(firstTwo).count == 1, "\(sockets) after \(firstTwo)")
    let a = try warm.run("--all", adding: flavour("a"))
    #expect(a.stderr.contains("pytest ran in the warm worker"), "\(a.stderr)")
    let b = try warm.run("--all", adding: flavour("b"))
    #expect(b.stderr.contains("started a warm pytest worker"), "\(b.stderr)")
    #expect(b.status == 0, "\(b.stdout)")
  }

  @Test("A changed file the worker loaded makes the run cold, and a new worker serves the next")
  func staleWorker() throws {
    // Given a running worker that preloaded the plugin
    let warm = try WarmProject()
    try warm.run()
    try warm.waitForWorker()

    // When the installed plugin changes (an upgrade), and a test is affected
    try "VALUE = 2\n".write(
      toFile: warm.scratch.path + "/site/fakeplug.py", atomically: true, encoding: .utf8)
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let run = try warm.run()

    // Then pytest ran as usual, saying why, and the next run is warm again
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.ranTests == [BasicTests.multiply])
    #expect(run.stderr.contains("fakeplug.py changed since the worker started"), "\(run.stderr)")
    #expect(!run.stderr.contains("pytest ran in the warm worker"))
    try warm.waitForWorker()
    try warm.project.edit("app/calc.py", replacing: "return b * a", with: "return a * b")
    let next = try warm.run()
    #expect(next.stderr.contains("pytest ran in the warm worker"), "\(next.stderr)")
    #expect(next.ranTests == [BasicTests.multiply])
  }

  @Test("A plugin from the repository is never preloaded: the worker refuses and says so")
  func repositoryPluginRefused() throws {
    let warm = try WarmProject(pluginInsideRepository: true)
    try warm.project.repository.commit("The project's own plugin")
    let first = try warm.run()
    #expect(first.status == 0, "\(first.stderr)")
    // The refusal lands in the worker's log; the next runs read it and stay cold.
    var said = ""
    // Each run flips the edit, so each has a test to run.
    for round in 0..<100 {
      let (from, to) = round % 2 == 0 ? ("a * b", "b * a") : ("b * a", "a * b")
      try warm.project.edit("app/calc.py", replacing: "return " + from, with: "return " + to)
      let run = try warm.run()
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.ranTests == [BasicTests.multiply], "\(run.stdout)")
      #expect(!run.stderr.contains("pytest ran in the warm worker"))
      if run.stderr.contains("from the repository") {
        said = run.stderr
        break
      }
      Thread.sleep(forTimeInterval: 0.2)
    }
    #expect(
      said.contains("loaded fakeplug from the repository, so pytest runs as usual"), "\(said)")
  }

  @Test("Ctrl-C reaches the run in the worker: pytest stops, and nothing is recorded")
  func interruptReachesRun() throws {
    let warm = try WarmProject()
    try warm.run()
    try warm.waitForWorker()
    try warm.project.write(
      "import time\n\n\ndef test_slow():\n    time.sleep(60)\n", to: "tests/test_slow.py")
    let output = try TemporaryDirectory(prefix: "warm-out")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SieveProject.sieveExecutable)
    process.arguments = [
      "run", "--warm", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider",
    ]
    process.currentDirectoryURL = URL(fileURLWithPath: warm.project.path)
    process.environment = ProcessInfo.processInfo.environment
      .merging(Shell.defaultEnvironment) { $1 }
      .merging(GitFixture.environment) { $1 }
      .merging(SieveProject.noShards) { $1 }
      .merging(warm.environment) { $1 }
    _ = FileManager.default.createFile(atPath: output.path + "/out", contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output.path + "/out"))
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    // The same environment as the first run's, or another worker would be asked for. Wait
    // until the slow test runs, then interrupt `sieve` (a terminal would signal its group).
    for _ in 0..<300 {
      let text = (try? String(contentsOfFile: output.path + "/out", encoding: .utf8)) ?? ""
      if text.contains("test_slow") { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    Thread.sleep(forTimeInterval: 0.5)
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    try handle.close()
    let text = try String(contentsOfFile: output.path + "/out", encoding: .utf8)
    #expect(Date().timeIntervalSince(start) < 30, "\(text)")
    #expect(process.terminationStatus == 2, "\(text)")
    #expect(text.contains("KeyboardInterrupt"), "\(text)")
    #expect(text.contains("results not recorded"), "\(text)")
  }

  @Test("--warm with -j 2, or with a pytest script, runs as usual with a note")
  func unsupportedForms() throws {
    let warm = try WarmProject()
    let parallel = try warm.run("-j", "2")
    #expect(parallel.status == 0, "\(parallel.stderr)")
    #expect(parallel.stderr.contains("--warm serves one pytest process; ran 2 as usual"))
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let script = try warm.project.sieve(
      ["run", "--warm", "--", "pytest", "-q", "-p", "no:cacheprovider"],
      environment: warm.environment)
    #expect(script.status == 0, "\(script.stderr)")
    #expect(script.stderr.contains("--warm serves `python -m pytest …`"), "\(script.stderr)")
  }

  @Test("Outside CI a run is warm by default: a cold run starts the worker once pytest exits")
  func warmByDefault() throws {
    // Given a project whose conftest notes the workers' folder while pytest runs
    let warm = try WarmProject()
    try warm.project.write(
      """
      import os


      def pytest_sessionstart(session):
          folder = os.path.join(os.environ["TMPDIR"], "sieve-warm-%d" % os.getuid())
          names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
          with open(os.path.join(os.environ["TMPDIR"], "seen.txt"), "a") as seen:
              seen.write(",".join(names) + "\\n")

      """, to: "conftest.py")
    try warm.project.repository.commit("conftest")

    // When it runs twice without --warm, SIEVE_WARM or a CI variable
    let first = try warm.runByDefault()
    try warm.waitForWorker()
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let second = try warm.runByDefault()

    // Then the first started a worker after its pytest (none was there while it ran), said
    // how to do without, and the second ran in it
    #expect(first.status == 0, "\(first.stderr)")
    #expect(
      first.stderr.contains(
        "started a warm pytest worker for the next run (--no-warm or SIEVE_WARM=0 runs without one)"
      ), "\(first.stderr)")
    let seen = try String(contentsOfFile: warm.scratch.path + "/seen.txt", encoding: .utf8)
    #expect(seen.split(separator: "\n", omittingEmptySubsequences: false).first == "", "\(seen)")
    #expect(second.stderr.contains("pytest ran in the warm worker"), "\(second.stderr)")
    #expect(second.ranTests == [BasicTests.multiply])
  }

  @Test(
    "CI, SIEVE_WARM=0, --no-warm and warm = false run cold and leave no worker",
    arguments: ["CI", "SIEVE_WARM", "--no-warm", "rule"])
  func coldSettings(setting: String) throws {
    let warm = try WarmProject()
    if setting == "rule" {
      try warm.project.write("warm = false\n", to: ".sieve.toml")
      try warm.project.repository.commit("Rules")
    }
    let variables =
      switch setting {
      case "CI": ["CI": "true"]
      case "SIEVE_WARM": ["SIEVE_WARM": "0"]
      default: [String: String]()
      }
    let run = try warm.runByDefault(setting == "--no-warm" ? ["--no-warm"] : [], adding: variables)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stderr.contains("warm"), "\(run.stderr)")
    #expect(warm.workerFiles.isEmpty, "\(warm.workerFiles)")
  }

  @Test("By default, a run no worker can serve (-j 2, a pytest script) is cold without a note")
  func unsupportedFormsByDefault() throws {
    let warm = try WarmProject()
    let parallel = try warm.runByDefault(["-j", "2"])
    #expect(parallel.status == 0, "\(parallel.stderr)")
    #expect(!parallel.stderr.contains("warm"), "\(parallel.stderr)")
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let script = try warm.project.sieve(
      ["run", "--", "pytest", "-q", "-p", "no:cacheprovider"],
      environment: warm.defaultModeEnvironment)
    #expect(script.status == 0, "\(script.stderr)")
    #expect(!script.stderr.contains("warm"), "\(script.stderr)")
    #expect(warm.workerFiles.isEmpty, "\(warm.workerFiles)")
  }

  @Test("A run while the worker still starts is cold, says so, and starts no second worker")
  func workerStillStarting() throws {
    // Given a plugin that takes 4 s to import, and a first run that starts the worker
    let warm = try WarmProject()
    try "import time\n\ntime.sleep(4)\nVALUE = 1\n".write(
      toFile: warm.scratch.path + "/site/fakeplug.py", atomically: true, encoding: .utf8)
    let first = try warm.run()
    #expect(first.stderr.contains("started a warm pytest worker"), "\(first.stderr)")

    // When the next run comes while the worker still imports the plugin
    try warm.project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let second = try warm.run()

    // Then it runs cold, says why, and the one worker serves the run after it
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.ranTests == [BasicTests.multiply])
    #expect(
      second.stderr.contains("the warm pytest worker is still starting; ran pytest as usual"),
      "\(second.stderr)")
    #expect(warm.workerFiles.filter { $0.hasSuffix(".log") }.count == 1, "\(warm.workerFiles)")
    try warm.waitForWorker()
    try warm.project.edit("app/calc.py", replacing: "return b * a", with: "return a * b")
    let third = try warm.run()
    #expect(third.stderr.contains("pytest ran in the warm worker"), "\(third.stderr)")
  }
}
