import SievePytest
import Testing

@Suite("PytestExitCode")
struct PytestExitCodeTests {
  @Test(
    "Several processes give the gravest code, ignoring those that had no tests",
    arguments: [
      ([0, 0], 0), ([0, 1], 1), ([5, 0], 0), ([5, 5], 5), ([1, 2], 2), ([1, 4], 4), ([3, 1], 3),
      ([2, 130], 130), ([5, 1], 1), ([], 0),
    ] as [([Int32], Int32)])
  func combined(codes: [Int32], expected: Int32) {
    #expect(PytestExitCode.combined(codes) == expected)
  }
}
