import SieveRun
import Testing

@Suite("JUnitReport")
struct JUnitReportTests {
  /// What pytest 9 writes with --junitxml, shortened.
  static let pytestReport = """
    <?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" \
    errors="0" failures="1" skipped="0" tests="2" time="0.031" timestamp="2026-11-22T01:00:00" \
    hostname="ci"><testcase classname="tests.test_calc" name="test_add" time="0.001" />\
    <testcase classname="tests.test_calc" name="test_multiply" time="0.002"><failure \
    message="assert 2 == 3">a &lt;/testsuite&gt; in the text</failure><system-out><![CDATA[</testsuite> in CDATA]]></system-out>\
    </testcase></testsuite></testsuites>
    """

  @Test("A pytest report's suite is kept verbatim, with its counts")
  func readsPytestReport() throws {
    let report = try JUnitReport(parsing: Self.pytestReport, path: "a.xml")
    #expect(report.suites.count == 1)
    #expect(report.suites[0].hasPrefix("<testsuite name=\"pytest\""))
    #expect(report.suites[0].hasSuffix("</testcase></testsuite>"))
    #expect(report.suites[0].contains("<![CDATA[</testsuite> in CDATA]]>"))
    #expect(report.totals.tests == 2)
    #expect(report.totals.failures == 1)
    #expect(report.totals.time == 0.031)
  }

  @Test("Merging keeps every suite and sums the counts")
  func merges() throws {
    let first = try JUnitReport(parsing: Self.pytestReport, path: "a.xml")
    let second = try JUnitReport(
      parsing:
        "<testsuite name='pytest' tests='3' errors='1' skipped='1' failures='0' time='1.5'/>",
      path: "b.xml")
    let merged = JUnitReport.merging([first, second])
    #expect(merged.suites.count == 2)
    #expect(merged.totals.tests == 5)
    #expect(merged.totals.errors == 1)
    #expect(merged.totals.skipped == 1)
    #expect(
      merged.xml.contains(
        "<testsuites name=\"pytest tests\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"1.531\">"
      ))
    let again = try JUnitReport(parsing: merged.xml, path: "merged.xml")
    #expect(again == merged, "a merged report reads back the same")
  }

  @Test("A file without a testsuite is an error naming it")
  func notAReport() {
    #expect(throws: RunError.unreadableReport(path: "x.xml", reason: "no <testsuite> element")) {
      try JUnitReport(parsing: "<html><!-- <testsuite> --></html>", path: "x.xml")
    }
    #expect(
      RunError.unreadableReport(path: "x.xml", reason: "r").description.contains("--junitxml"))
  }

  @Test("The empty report reads back with no tests")
  func empty() throws {
    let report = try JUnitReport(parsing: JUnitReport.empty.xml, path: "e.xml")
    #expect(report.totals.tests == 0)
    #expect(report.suites.count == 1)
  }
}
