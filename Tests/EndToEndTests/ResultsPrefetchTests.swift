import Foundation
import SieveTestSupport
import Testing

/// Sieve reads the plugin's results, and the sources they name, while pytest shuts down.
@Suite("Reading results while pytest exits")
struct ResultsPrefetchTests {
  @Test("A source file rewritten after the results, before pytest exits, is recorded as it ends")
  func fileRewrittenWhilePytestExits() throws {
    let project = try SieveProject()
    // pytest_unconfigure runs after the plugin wrote its results at the session's end.
    try project.write(
      """
      import os
      import pathlib
      import time


      def pytest_unconfigure(config):
          if os.environ.get("REWRITE_AT_EXIT"):
              time.sleep(0.5)  # Sieve has read the results and the sources by now
              path = pathlib.Path(__file__).parent / "app" / "calc.py"
              path.write_text(path.read_text().replace("return a * b", "return b * a"))

      """, to: "conftest.py")
    try project.repository.commit("Rewrite at exit when asked")
    try project.run()

    let second = try project.run("--all", environment: ["REWRITE_AT_EXIT": "1"])

    #expect(second.status == 0, "\(second.stderr)")
    #expect(try project.read("app/calc.py").contains("return b * a"))
    // Recorded as the file was when pytest ended, as if read after it: nothing is affected.
    #expect(try project.affected().isEmpty)
  }
}
