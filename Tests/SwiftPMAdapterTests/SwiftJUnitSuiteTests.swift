import Foundation
import SieveSwiftPM
import Testing

@Suite("JUnit reports of Swift tests")
struct SwiftJUnitSuiteTests {
  @Test("A passed and a failed test: counts, names, and the failed one's output, escaped")
  func report() throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sieve-junit-\(UUID().uuidString).log"
    ).path
    try Data("expected 4 < 5 & \"more\"\u{1}\n".utf8).write(to: URL(fileURLWithPath: log))
    defer { try? FileManager.default.removeItem(atPath: log) }
    var suite = SwiftJUnitSuite()
    suite.add(
      SwiftTestResult(
        test: SwiftTest(identifier: "ShapesTests.SquareTests/testArea", library: .xctest),
        exitCode: 0, duration: 0.5, logPath: log, profileDirectory: ""),
      passed: true)
    suite.add(
      SwiftTestResult(
        test: SwiftTest(identifier: "GeometryTests.PointTests/distance()", library: .swiftTesting),
        exitCode: 1, duration: 0.25, logPath: log, profileDirectory: ""),
      passed: false)
    let report = suite.report
    #expect(report.totals.tests == 2)
    #expect(report.totals.failures == 1)
    let xml = report.xml
    #expect(
      xml.contains(
        "<testcase classname=\"ShapesTests.SquareTests\" name=\"testArea\" time=\"0.500\" />"))
    #expect(xml.contains("classname=\"GeometryTests.PointTests\" name=\"distance()\""))
    #expect(
      xml.contains(
        "<failure message=\"exit code 1\">expected 4 &lt; 5 &amp; &quot;more&quot;\n</failure>"))
  }
}
