import SieveShards
import Testing

@Suite("Shard")
struct ShardTests {
  @Test("K/N parses with K counting from 1")
  func parses() throws {
    let shard = try Shard(parsing: "2/4")
    #expect(shard.number == 2)
    #expect(shard.count == 4)
    #expect(shard.index == 1)
    #expect(shard.description == "2/4")
  }

  @Test(
    "Text that is not K/N is rejected with the form to use",
    arguments: ["2", "2/", "/4", "a/b", "1/2/3", ""])
  func malformed(text: String) {
    #expect(throws: ShardError.malformed(text)) { try Shard(parsing: text) }
    #expect(ShardError.malformed(text).description.contains("--shard 2/4"))
  }

  @Test("K outside 1…N is rejected", arguments: ["0/4", "5/4", "1/0", "-1/3"])
  func outOfRange(text: String) {
    #expect(throws: ShardError.self) { try Shard(parsing: text) }
  }

  @Test("GitLab's CI_NODE_INDEX counts from 1")
  func gitLab() throws {
    let found = try Shard.fromEnvironment(["CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "4"])
    #expect(found?.shard == (try Shard(number: 3, count: 4)))
    #expect(found?.source.indexVariable == "CI_NODE_INDEX")
  }

  @Test("Buildkite's BUILDKITE_PARALLEL_JOB counts from 0")
  func buildkite() throws {
    let found = try Shard.fromEnvironment([
      "BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "3",
    ])
    #expect(found?.shard == (try Shard(number: 1, count: 3)))
  }

  @Test("CircleCI's CIRCLE_NODE_INDEX counts from 0")
  func circleCI() throws {
    let found = try Shard.fromEnvironment(["CIRCLE_NODE_INDEX": "2", "CIRCLE_NODE_TOTAL": "3"])
    #expect(found?.shard == (try Shard(number: 3, count: 3)))
  }

  @Test("Without both variables of a pair, there is no shard")
  func noEnvironment() throws {
    #expect(try Shard.fromEnvironment([:]) == nil)
    #expect(try Shard.fromEnvironment(["CI_NODE_TOTAL": "1"]) == nil)
    #expect(try Shard.fromEnvironment(["CI_NODE_INDEX": "", "CI_NODE_TOTAL": ""]) == nil)
  }

  @Test("A variable that is not a number is an error naming it")
  func badEnvironment() {
    #expect(throws: ShardError.badEnvironment(variable: "CI_NODE_INDEX", value: "x")) {
      try Shard.fromEnvironment(["CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "2"])
    }
    #expect(
      ShardError.badEnvironment(variable: "CI_NODE_INDEX", value: "x").description
        .contains("CI_NODE_INDEX=x"))
  }
}
