import Foundation
import SieveTestSupport
import Testing

/// Marks and parameters that read module constants or data files: a change must select every
/// test it makes fail, including tests that were skipped, expected to fail, or did not exist.
@Suite("Safety of xfail, skip and parametrize")
struct CaseSafetyTests {
  /// One change to the `pytest-cases` fixture, and the tests it must make fail.
  struct Mutation: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var old: String
    var new: String
    /// Tests that fail after the change (checked, so the fixture keeps the case honest).
    var failing: Set<String>

    var testDescription: String { name }
  }

  static let mutations: [Mutation] = [
    Mutation(
      name: "a strict xfail that starts passing", path: "app/shapes.py",
      old: "return x * 2", new: "return x * 3",
      failing: [
        "tests/test_marks.py::test_double_is_not_triple", "tests/test_marks.py::test_bug_flag",
        "tests/test_params.py::test_double[1-2]", "tests/test_params.py::test_double[2-4]",
        "tests/test_params.py::test_double[3-6]",
      ]),
    Mutation(
      name: "an xfail condition read from a module constant", path: "app/flags.py",
      old: "BUG_PRESENT = True", new: "BUG_PRESENT = False",
      failing: ["tests/test_marks.py::test_bug_flag"]),
    Mutation(
      name: "a skipif condition read from a module constant", path: "app/flags.py",
      old: "FEATURE_ENABLED = False", new: "FEATURE_ENABLED = True",
      failing: ["tests/test_marks.py::test_feature", "tests/test_marks.py::test_skips_itself"]),
    Mutation(
      name: "a skipped test whose body changes", path: "tests/test_marks.py",
      old: "if not flags.FEATURE_ENABLED:", new: "if flags.FEATURE_ENABLED:",
      failing: ["tests/test_marks.py::test_skips_itself"]),
    Mutation(
      name: "parameters from a module constant", path: "app/flags.py",
      old: "SIZES = [1, 2, 3]", new: "SIZES = [1, 2, 3, 4]",
      failing: ["tests/test_params.py::test_size_is_small[4]"]),
    Mutation(
      name: "parameters from a data file", path: "tests/cases.json",
      old: "[3, 6]", new: "[3, 7]",
      failing: ["tests/test_params.py::test_double[3-7]"]),
  ]

  @Test(
    "Every test a change makes fail is selected", arguments: mutations, DataFileTests.pythons)
  func failingTestsAreSelected(mutation: Mutation, python: String) throws {
    // Given a recorded project
    let project = try SieveProject(fixture: "pytest-cases")
    let first = try project.run(python: python)
    #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
    // When one constant, mark condition, parameter list or data file changes
    try project.edit(mutation.path, replacing: mutation.old, with: mutation.new)
    let failing = try Self.failingTests(in: project, python: python)
    #expect(failing == mutation.failing, "the fixture no longer exercises this case")
    // Then Sieve runs every test that now fails
    let run = try project.run(python: python)
    #expect(failing.isSubset(of: run.ranTests), "missed: \(failing.subtracting(run.ranTests))")
    #expect(run.status == 1)
  }

  /// The tests that fail or error when the whole suite runs without Sieve.
  static func failingTests(in project: SieveProject, python: String) throws -> Set<String> {
    let result = try Shell.run(
      python, ["-m", "pytest", "-v", "-p", "no:cacheprovider"], in: project.path,
      environment: ["PYTHONDONTWRITEBYTECODE": "1"])
    var ids = Set<String>()
    for line in result.stdout.split(separator: "\n") where line.contains("::") {
      for outcome in [" FAILED", " ERROR"] {
        if let range = line.range(of: outcome) {
          ids.insert(String(line[..<range.lowerBound]))
        }
      }
    }
    return ids
  }
}
