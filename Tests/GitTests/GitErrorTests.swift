import SieveGit
import Testing

@Suite("GitError")
struct GitErrorTests {
  private static let commit = CommitID(String(repeating: "ab", count: 20))!

  @Test(
    "Every description names what it is about and says what to do, in two sentences",
    arguments: [
      (GitError.gitNotFound(executable: "git"), "\"git\"", "Install git"),
      (.notARepository(directory: "/tmp/project"), "/tmp/project", "git init"),
      (.unknownCommit(commit), commit.value, "git fetch --unshallow"),
      (.unknownRevision("topic"), "\"topic\"", "fetch the branch"),
      (
        .commandFailed(
          command: "git status", directory: "/r", exitStatus: 128, standardError: "fatal: bad"),
        "\"git status\" in /r exited 128: fatal: bad", "Run the same command"
      ),
      (
        .commandFailed(command: "git diff", directory: "/r", exitStatus: -9, standardError: ""),
        "killed by signal 9", "Run the same command"
      ),
      (
        .unreadableOutput(command: "git status", directory: "/r", output: "X?"),
        "\"git status\" in /r: X?", "report this"
      ),
      (
        .excludeFileUnwritable(path: "/r/.git/info/exclude", reason: "denied"), "denied", "writable"
      ),
    ]
  )
  func descriptions(error: GitError, subject: String, advice: String) {
    let text = error.description
    #expect(text.contains(subject))
    #expect(text.contains(advice))
    #expect(!text.hasPrefix("Error"))
    #expect(text.hasSuffix("."))
    #expect(text.components(separatedBy: ". ").count >= 2)
  }
}
