import Foundation
import SievePytest
import Testing

@Suite("PytestPlugin")
struct PytestPluginTests {
  @Test(
    "The bundled plugin directory holds sieve_pytest/plugin.py",
    .enabled(
      if: ProcessInfo.processInfo.environment["SIEVE_PLUGIN_PATH"] == nil,
      "SIEVE_PLUGIN_PATH overrides the bundled copy"))
  func bundledDirectory() throws {
    let directory = try PytestPlugin.directory()

    let plugin = (directory as NSString).appendingPathComponent("sieve_pytest/plugin.py")
    #expect(FileManager.default.fileExists(atPath: plugin))
  }
}
