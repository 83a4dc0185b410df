import Foundation
import Testing

/// `sieve durations` and `sieve junit merge` on real projects and real pytest reports.
@Suite("Reports")
struct ReportsTests {
  @Test("durations lists the slowest tests first, then the total over every test")
  func durations() throws {
    let project = try ShardingTests.recordedProject()
    let text = try project.sieve("durations", "--top", "3")
    #expect(text.status == 0)
    #expect(text.lines.count == 4)
    #expect(text.lines.first?.hasSuffix("9.000s  tests/test_cube.py::test_cube[3]") == true)
    #expect(text.lines.last?.contains("total of 48 tests") == true)

    let json = try project.sieve("durations", "--top", "2", "--json")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(document["version"] as? Int == 1)
    #expect(document["testCount"] as? Int == 48)
    let slowest = try #require(document["slowest"] as? [[String: Any]])
    #expect(slowest.count == 2)
    #expect(slowest.first?["test"] as? String == "tests/test_cube.py::test_cube[3]")
    #expect(slowest.first?["duration"] as? Double == 9)
    let total = try #require(document["totalDuration"] as? Double)
    #expect(total > 9)
  }

  @Test("junit merge combines the shards' reports into one with summed counts")
  func junitMerge() throws {
    let project = try SieveProject()
    for number in 1...2 {
      let run = try project.run(
        "--shard", "\(number)/2", "--database", ".sieve/s\(number).db", "--junitxml",
        "junit-\(number).xml")
      #expect(run.status == 0, "\(run.stderr)")
    }
    let merge = try project.sieve("junit", "merge", "junit-1.xml", "junit-2.xml", "-o", "all.xml")
    #expect(merge.status == 0)
    #expect(merge.stderr.contains("merged 2 reports into all.xml: 9 tests, 0 failed, 0 errors"))
    let xml = try project.read("all.xml")
    #expect(xml.contains("<testsuites name=\"pytest tests\" tests=\"9\""))
    #expect(xml.components(separatedBy: "<testcase ").count - 1 == 9)
  }

  @Test("junit merge of a file that is not a report fails with exit 70 and names it")
  func junitMergeBadInput() throws {
    let project = try SieveProject()
    try project.write("not xml at all", to: "bad.xml")
    let merge = try project.sieve("junit", "merge", "bad.xml", "-o", "all.xml")
    #expect(merge.status == 70)
    #expect(merge.stderr.contains("bad.xml is not a JUnit XML report"))
    #expect(!FileManager.default.fileExists(atPath: project.path + "/all.xml"))
  }
}
