import SievePytest
import Testing

@Suite("AdapterError")
struct AdapterErrorTests {
  @Test(
    "Every description says what happened and what to do, in two sentences",
    arguments: [
      (
        AdapterError.pluginMissing("/opt/sieve/sieve_pytest/plugin.py"),
        "/opt/sieve/sieve_pytest/plugin.py", "Reinstall Sieve"
      ),
      (.noResults(exitCode: 4), "exited with 4", "Check that pytest is installed"),
      (
        .unreadableResults(path: "/r/.sieve/results.jsonl", reason: "line 2: bad"),
        "/r/.sieve/results.jsonl (line 2: bad)", "Run again"
      ),
    ]
  )
  func descriptions(error: AdapterError, subject: String, advice: String) {
    let text = error.description
    #expect(text.contains(subject))
    #expect(text.contains(advice))
    #expect(!text.hasPrefix("Error"))
    #expect(text.hasSuffix("."))
    #expect(text.components(separatedBy: ". ").count >= 2)
  }

  @Test("A collector failure is described by the collector's own message")
  func collectorFailed() {
    let message = "Python 3.11 needs coverage.py to collect: pip install coverage"

    #expect(AdapterError.collectorFailed(message).description == message)
  }
}
