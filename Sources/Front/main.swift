// The `sieve` executable: a small front that answers a repeated read-only command (such as
// `sieve affected` when nothing changed) from its remembered answer, and hands everything else
// to the full program, `sieve-core`, installed beside it.
//
// It imports neither Foundation nor swift-argument-parser, so it starts in about the time of
// a static "hello world"; the answer check is one `git status` and a few `stat` calls
// (docs/design.md, "Remembered answers").
import SieveReplay

if let invocation = Invocation.current(),
  let root = RepositoryRoot.containing(invocation.directory),
  let answer = AnswerFolder(repositoryRoot: root).answer(for: invocation)
{
  switch answer.check(for: invocation) {
  case .holds:
    answer.replay()
  case .differs(let gitStatus):
    if let gitStatus { GitStatusHandoff.leave(gitStatus, root: answer.repositoryRoot) }
  }
}
CoreProgram.start(arguments: CommandLine.arguments)
