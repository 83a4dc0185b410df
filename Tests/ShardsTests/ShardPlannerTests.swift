import SieveModel
import SieveShards
import Testing

@Suite("ShardPlanner")
struct ShardPlannerTests {
  /// 60 tests with uneven durations from 0.01 s to 9 s, fixed by a small generator.
  static let durations: [TestID: Double] = {
    var result: [TestID: Double] = [:]
    var state: UInt64 = 42
    for index in 0..<60 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let unit = Double(state >> 11) / Double(1 << 53)
      result[TestID("tests/test_\(index % 7).py::test_\(index)")] = 0.01 + 9 * unit * unit
    }
    return result
  }()

  @Test(
    "Parts are disjoint and together hold exactly the planned tests", arguments: [1, 2, 3, 4, 7])
  func disjointUnion(count: Int) {
    let tests = Set(Self.durations.keys)
    let plan = ShardPlanner(durations: Self.durations).makePlan(for: tests, count: count)
    #expect(plan.count == count)
    let sizes = plan.parts.map(\.tests.count)
    #expect(sizes.reduce(0, +) == tests.count)
    #expect(plan.allTests == tests)
  }

  @Test("The longest part is within 10% of the ideal", arguments: [2, 3, 4])
  func balanced(count: Int) {
    let plan = ShardPlanner(durations: Self.durations).makePlan(
      for: Set(Self.durations.keys), count: count)
    let ideal = plan.totalDuration / Double(count)
    let longest = plan.parts.map(\.expectedDuration).max() ?? 0
    #expect(longest <= ideal * 1.1, "longest \(longest), ideal \(ideal)")
  }

  @Test("One test longer than the ideal share gets a part of its own")
  func longestSingleTest() {
    var durations: [TestID: Double] = ["t::long": 100]
    for index in 0..<10 { durations[TestID("t::short\(index)")] = 1 }
    let plan = ShardPlanner(durations: durations).makePlan(for: Set(durations.keys), count: 3)
    #expect(plan.parts.map(\.expectedDuration).max() == 100)
    #expect(plan.parts.contains { $0.tests == ["t::long"] })
  }

  @Test("The plan depends only on tests and durations, not on their order")
  func deterministic() {
    let tests = Array(Self.durations.keys)
    let first = ShardPlanner(durations: Self.durations).makePlan(for: Set(tests), count: 4)
    let shuffled = Dictionary(uniqueKeysWithValues: Self.durations.shuffled().map { ($0, $1) })
    let second = ShardPlanner(durations: shuffled).makePlan(
      for: Set(tests.reversed()), count: 4)
    #expect(first == second)
  }

  @Test("Tests with no recorded duration count as the median")
  func unknownDurations() {
    let durations: [TestID: Double] = ["a::1": 1, "a::2": 2, "a::3": 9]
    let plan = ShardPlanner(durations: durations).makePlan(
      for: ["a::1", "a::2", "a::3", "b::new"], count: 2)
    #expect(plan.assumedDuration == 2)
    #expect(plan.unknownDurationCount == 1)
    #expect(plan.totalDuration == 14)
  }

  @Test("With no durations at all, tests spread evenly by count")
  func noDurations() {
    let tests = Set((0..<9).map { TestID("t::\($0)") })
    let plan = ShardPlanner(durations: [:]).makePlan(for: tests, count: 3)
    #expect(plan.parts.map(\.tests.count) == [3, 3, 3])
  }

  @Test("Zero-duration tests spread by count, not onto one part")
  func zeroDurations() {
    let durations = Dictionary(uniqueKeysWithValues: (0..<8).map { (TestID("t::\($0)"), 0.0) })
    let plan = ShardPlanner(durations: durations).makePlan(for: Set(durations.keys), count: 4)
    #expect(plan.parts.map(\.tests.count) == [2, 2, 2, 2])
  }

  @Test("More parts than tests leaves the extra parts empty")
  func moreParts() {
    let plan = ShardPlanner(durations: [:]).makePlan(for: ["t::a"], count: 3)
    #expect(plan.parts.map(\.tests.count) == [1, 0, 0])
  }
}
