import Foundation
import SievePytest
import SieveTestSupport
import Testing

@Suite("PytestCommand")
struct PytestCommandTests {
  static let plugin = PytestCommand.pluginModule

  /// A command line and how Sieve should run it.
  struct Case: Sendable, CustomTestStringConvertible {
    var words: [String]
    var executable: String
    var arguments: [String]
    var userArguments: [String]
    var testDescription: String { words.isEmpty ? "(no words)" : words.joined(separator: " ") }
  }

  @Test(
    "The plugin option goes after the program, or after -m MODULE for an interpreter",
    arguments: [
      Case(
        words: ["pytest", "-q", "x"], executable: "pytest", arguments: ["-p", plugin, "-q", "x"],
        userArguments: ["-q", "x"]),
      Case(
        words: ["python3", "-m", "pytest", "-k", "y"], executable: "python3",
        arguments: ["-m", "pytest", "-p", plugin, "-k", "y"], userArguments: ["-k", "y"]),
      Case(
        words: ["/usr/bin/python3.12", "-m", "pytest"], executable: "/usr/bin/python3.12",
        arguments: ["-m", "pytest", "-p", plugin], userArguments: []),
      Case(
        words: ["python", "-m", "other_module"], executable: "python",
        arguments: ["-m", "other_module", "-p", plugin], userArguments: []),
      Case(
        words: [], executable: "python3", arguments: ["-m", "pytest", "-p", plugin],
        userArguments: []),
      Case(
        words: [".venv/bin/pytest", "tests/", "-x"], executable: ".venv/bin/pytest",
        arguments: ["-p", plugin, "tests/", "-x"], userArguments: ["tests/", "-x"]),
      Case(
        words: ["/opt/tools/py-wrapper", "-m", "pytest", "-q"], executable: "/opt/tools/py-wrapper",
        arguments: ["-m", "pytest", "-p", plugin, "-q"], userArguments: ["-q"]),
      Case(
        words: ["python3", "tests/run.py"], executable: "python3",
        arguments: ["tests/run.py", "-p", plugin], userArguments: []),
    ]
  )
  func commandLines(command: Case) {
    let built = PytestCommand(words: command.words)

    #expect(built.executable == command.executable)
    #expect(built.arguments == command.arguments)
    #expect(built.userArguments == command.userArguments)
  }

  @Test(
    "Naming a single test is recognised by its :: separator in the user's arguments",
    arguments: [
      (["pytest", "tests/test_a.py::test_one"], true),
      (["python3", "-m", "pytest", "-q", "tests/test_a.py::TestA::test_b[x-1]"], true),
      (["pytest", "tests/test_a.py", "-k", "one"], false),
      (["python3", "-m", "pytest"], false),
      ([], false),
    ]
  )
  func namesSingleTests(words: [String], expected: Bool) {
    #expect(PytestCommand(words: words).namesSingleTests == expected)
  }

  @Test("Interpreter options before -m pytest stay before -m, where Python accepts them")
  func interpreterOptionsBeforeModule() {
    let built = PytestCommand(words: ["python3", "-X", "dev", "-m", "pytest", "-q"])

    #expect(built.arguments == ["-X", "dev", "-m", "pytest", "-p", Self.plugin, "-q"])
  }

  @Test("The interpreter is found without starting it: a path, a name on PATH, a script's #! line")
  func interpreter() throws {
    let directory = try TemporaryDirectory()
    try directory.write("#!/opt/venv/bin/python3 -I\nimport pytest\n", to: "bin/pytest")
    try directory.write("#!/usr/bin/env python3\n", to: "bin/envscript")
    try directory.write(
      "#!/usr/bin/env bash\nexec pyenv exec python3 \"$@\"\n", to: "shims/python3")
    let root = directory.path
    #expect(
      PytestCommand(words: ["venv/bin/python", "-m", "pytest"]).interpreter(relativeTo: root)
        == root + "/venv/bin/python")
    #expect(
      PytestCommand(words: [root + "/bin/pytest", "-q"]).interpreter(relativeTo: "/")
        == "/opt/venv/bin/python3")
    let python3 = try #require(
      PytestCommand(words: [root + "/bin/envscript"]).interpreter(relativeTo: "/") as String?)
    #expect(python3.hasPrefix("/") && python3.hasSuffix("/python3"))
    #expect(
      PytestCommand(words: [root + "/shims/python3"]).interpreter(relativeTo: "/")
        == root + "/shims/python3", "a shim is not Python: it is its own key")
    #expect(
      PytestCommand(words: ["no-such-program-xyz"]).interpreter(relativeTo: "/")
        == "no-such-program-xyz")
  }

  @Test("The selection arguments are the user's own pytest arguments, exactly")
  func selectionArguments() {
    #expect(
      PytestCommand(words: ["python3", "-m", "pytest", "-k", "a or b"]).selectionArguments
        == #"["-k","a or b"]"#)
    #expect(PytestCommand(words: ["pytest"]).selectionArguments == "[]")
    #expect(
      PytestCommand(words: ["pytest", "--lf", "-k", "a"]).selectionArguments == nil,
      "pytest's cache, not the words, decides what --lf deselects")
  }
}
