import Testing

/// The user's rules: `[tool.sieve]` in pyproject.toml, or `.sieve.toml`.
@Suite("Configuration")
struct ConfigurationTests {
  @Test("ignore, run-everything and always-run from [tool.sieve] shape the selection")
  func toolSieveRules() throws {
    let project = try SieveProject()
    try project.write(
      """
      [tool.sieve]
      ignore = ["docs/*"]
      run-everything = ["schema/*.sql"]
      always-run = ["tests/test_text.py::test_shout"]

      """, to: "pyproject.toml")
    try project.write("# Guide\n", to: "docs/guide.md")
    try project.write("CREATE TABLE t (x INT);\n", to: "schema/init.sql")
    try project.repository.commit("Rules")
    try project.run()
    try project.write("# Guide, edited\n", to: "docs/guide.md")
    #expect(try project.affected() == [BasicTests.shout], "only the always-run test")
    try project.write("CREATE TABLE t (x TEXT);\n", to: "schema/init.sql")
    let everything = try project.sieve("affected")
    #expect(everything.stderr.contains("running every test: schema/init.sql changed"))
    #expect(everything.lines.count == BasicTests.count)
  }

  @Test("By default a changed requirements file runs every test")
  func defaultRules() throws {
    let project = try SieveProject()
    try project.write("pytest\n", to: "requirements-dev.txt")
    try project.repository.commit("Requirements")
    try project.run()
    try project.write("pytest\ncoverage\n", to: "requirements-dev.txt")
    let result = try project.sieve("affected")
    #expect(result.stderr.contains("requirements-dev.txt changed"))
    #expect(result.lines.count == BasicTests.count)
  }

  @Test(".sieve.toml works with its keys at the top level")
  func sieveToml() throws {
    let project = try SieveProject()
    try project.write("ignore = [\"*.md\"]\n", to: ".sieve.toml")
    try project.repository.commit("Rules")
    try project.run()
    try project.write("notes\n", to: "NOTES.md")
    let result = try project.sieve("affected")
    #expect(result.stderr.contains("0 of 9 tests affected by 0 changed files"))
  }

  @Test("A broken rules file stops Sieve with exit code 70 and says which file")
  func invalidRules() throws {
    let project = try SieveProject()
    try project.run()
    try project.write("ignore = [\"docs/*\"\n", to: ".sieve.toml")
    let result = try project.sieve("affected")
    #expect(result.status == 70)
    #expect(result.stderr.contains(".sieve.toml is not valid TOML"))
  }

  @Test("warm must be true or false, and the message says so")
  func warmOfWrongType() throws {
    let project = try SieveProject()
    try project.write("warm = \"no\"\n", to: ".sieve.toml")
    let result = try project.sieve("affected")
    #expect(result.status == 70)
    #expect(result.stderr.contains("warm in .sieve.toml must be true or false. Fix the value."))
  }
}
