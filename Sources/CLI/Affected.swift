import ArgumentParser
import Sieve
import SieveReplay

extension SieveCommand {
  /// `sieve affected`: print the affected tests' node ids.
  struct Affected: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "affected",
      abstract: "Print the node ids of the tests a change affects, one per line.",
      discussion: """
        Starts no Python. Tests in new test files are not listed (pytest has not collected \
        them yet); stderr names those files. With --json, prints each test with its reasons.
        """,
      aliases: ["list"])

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Print one JSON document with the reason for each test.")
    var json = false

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        let gitStatus = GitStatusHandoff.take(root: workspace.repository.root)
        let recorder = AnswerRecorder(workspace: workspace)
        let result = try await workspace.select(gitStatus: gitStatus)
        let selection = result.selection
        let known = selection.runEverything == nil ? [] : workspace.knownTests()
        let report = AffectedReport(selection: selection, knownTests: known)
        var transcript = Transcript()
        if json {
          transcript.output(try report.json())
        } else {
          transcript.message(SelectionMessages.summary(of: selection))
          for entry in report.selected { transcript.output(entry.test) }
          for file in report.collectFiles.prefix(5) {
            transcript.message("\(file) may hold new tests; sieve run collects it")
          }
        }
        recorder?.remember(result, exitStatus: 0, writes: transcript.writes)
      }
    }
  }
}
