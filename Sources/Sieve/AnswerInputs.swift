import SieveReplay

/// What a selection read beyond its command line, so that its answer can be remembered:
/// the `git status` it started from, the files it depended on, and the links it resolved.
///
/// Only a selection made from the database itself, in the environment it was recorded in,
/// for a pytest data set, has inputs; any other (no database, a kept data set of another
/// environment, a Swift package) is always decided in full.
struct AnswerInputs: Sendable {
  /// The top of the work tree, where git ran.
  var repositoryRoot: String
  /// What `git status` printed.
  var gitStatus: [UInt8]
  /// Absolute paths of the files whose content, metadata or existence the selection used.
  var files: [String]
  /// The symbolic links the selection resolved, with the targets it used.
  var links: [RememberedAnswer.ResolvedLink]
}
