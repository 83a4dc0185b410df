import SievePytest
import Testing

@Suite("PytestCommand options")
struct PytestCommandOptionsTests {
  @Test("Added options go right after the plugin option, before the user's --")
  func addsAfterPlugin() {
    let command = PytestCommand(words: ["python3", "-m", "pytest", "-q", "--", "tests"])
    #expect(
      command.adding(["--junitxml=r.xml"]).arguments == [
        "-m", "pytest", "-p", PytestCommand.pluginModule, "--junitxml=r.xml", "-q", "--", "tests",
      ])
  }

  @Test(
    "The user's own --junitxml is noticed",
    arguments: ["--junitxml=a.xml", "--junit-xml", "--junitxml"])
  func noticesJUnit(word: String) {
    #expect(PytestCommand(words: ["pytest", word]).writesJUnitXML)
    #expect(!PytestCommand(words: ["pytest", "-q"]).writesJUnitXML)
  }
}
