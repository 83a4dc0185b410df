import Sieve
import Testing

/// Which runs are warm: the flag, `SIEVE_WARM`, a CI system, then the repository's rule.
@Suite("Warm mode")
struct WarmModeTests {
  @Test("Outside CI and without a setting, runs are warm where a worker can serve them")
  func automaticByDefault() throws {
    #expect(try WarmMode(flag: nil, environment: [:]) == .automatic)
    #expect(try WarmMode(flag: nil, environment: ["CI": "", "SIEVE_WARM": ""]) == .automatic)
    #expect(try WarmMode(flag: nil, environment: ["CI": "false"]) == .automatic)
  }

  @Test(
    "Each CI system's variable makes runs cold",
    arguments: WarmMode.continuousIntegrationVariables)
  func coldInCI(variable: String) throws {
    let value = variable == "CI" ? "true" : "1"
    #expect(try WarmMode(flag: nil, environment: [variable: value]) == .cold)
  }

  @Test("The flag wins over SIEVE_WARM, and SIEVE_WARM over a CI system")
  func precedence() throws {
    #expect(try WarmMode(flag: true, environment: ["CI": "true", "SIEVE_WARM": "0"]) == .asked)
    #expect(try WarmMode(flag: false, environment: ["SIEVE_WARM": "1"]) == .cold)
    #expect(try WarmMode(flag: nil, environment: ["CI": "true", "SIEVE_WARM": "1"]) == .asked)
    #expect(try WarmMode(flag: nil, environment: ["SIEVE_WARM": "off"]) == .cold)
    #expect(try WarmMode(flag: nil, environment: ["SIEVE_WARM": "Yes"]) == .asked)
  }

  @Test("SIEVE_WARM that is neither on nor off is an error that says what to set")
  func invalidVariable() {
    #expect(throws: WarmModeError.invalidVariable(value: "maybe")) {
      try WarmMode(flag: nil, environment: ["SIEVE_WARM": "maybe"])
    }
    #expect(
      WarmModeError.invalidVariable(value: "maybe").description
        == "SIEVE_WARM=maybe is neither on nor off. Set it to 1 (warm runs) or 0 (cold runs), or unset it."
    )
  }

  @Test("warm = false in the rules turns the default off, never an explicit choice")
  func rule() {
    #expect(WarmMode.automatic.applying(rule: false) == .cold)
    #expect(WarmMode.automatic.applying(rule: true) == .automatic)
    #expect(WarmMode.automatic.applying(rule: nil) == .automatic)
    #expect(WarmMode.asked.applying(rule: false) == .asked)
    #expect(WarmMode.cold.applying(rule: true) == .cold)
  }
}
