/// The answer a read-only command gave, with everything it was computed from.
///
/// A command such as `sieve affected` is a function of its invocation, a `git status`, and
/// the files it read. When all three are the same again, so is the answer: the small `sieve`
/// front executable prints it without starting the full program. Any difference, or a file
/// touched too close to the decision to trust its times, means the full decision runs.
public struct RememberedAnswer: Hashable, Sendable {
  /// A file the decision read, and its signature then (`nil`: it did not exist).
  public struct WatchedFile: Hashable, Sendable {
    /// The absolute path.
    public var path: String
    /// The signature, or `nil` when the file was missing.
    public var signature: FileSignature?

    /// Creates a watched file.
    public init(path: String, signature: FileSignature?) {
      self.path = path
      self.signature = signature
    }
  }

  /// A path whose symbolic links the decision resolved, and where they led.
  public struct ResolvedLink: Hashable, Sendable {
    /// The path as named, such as a virtual environment's `bin/python`.
    public var path: String
    /// What `realpath` returned, or `nil` when it failed.
    public var target: String?

    /// Creates a resolved link.
    public init(path: String, target: String?) {
      self.path = path
      self.target = target
    }
  }

  /// One write of the answer's output, in the order the command made them.
  public struct Write: Hashable, Sendable {
    /// `STDOUT_FILENO` or `STDERR_FILENO`.
    public var descriptor: Int32
    /// The bytes written.
    public var bytes: [UInt8]

    /// Creates a write.
    public init(descriptor: Int32, bytes: [UInt8]) {
      self.descriptor = descriptor
      self.bytes = bytes
    }
  }

  /// The command line and its surroundings.
  public var invocation: Invocation
  /// The top of the work tree, where git ran.
  public var repositoryRoot: String
  /// What ``GitStatusCall`` printed.
  public var gitStatus: [UInt8]
  /// The files the decision depended on.
  public var files: [WatchedFile]
  /// The symbolic links the decision resolved.
  public var links: [ResolvedLink]
  /// The exit status.
  public var exitStatus: Int32
  /// What the command wrote to standard output and standard error, in order.
  public var writes: [Write]

  /// Creates an answer from its parts.
  public init(
    invocation: Invocation, repositoryRoot: String, gitStatus: [UInt8], files: [WatchedFile],
    links: [ResolvedLink], exitStatus: Int32, writes: [Write]
  ) {
    self.invocation = invocation
    self.repositoryRoot = repositoryRoot
    self.gitStatus = gitStatus
    self.files = files
    self.links = links
    self.exitStatus = exitStatus
    self.writes = writes
  }

  /// Whether every watched file and link is as it was, checked without starting anything.
  public func filesAreUnchanged() -> Bool {
    files.allSatisfy { FileSignature.of($0.path) == $0.signature }
      && links.allSatisfy { ResolvedPath.of($0.path) == $0.target }
  }

  /// What checking an answer found.
  public enum Check: Equatable, Sendable {
    /// The answer holds: same invocation, files, links and `git status` output.
    case holds
    /// Something differs; the `git status` output when git was run, for `sieve-core`.
    case differs(gitStatus: [UInt8]?)
  }

  /// Checks whether this answer holds for an invocation now.
  ///
  /// It does for the same invocation, the same files and links, and the same `git status`
  /// output. Runs git once, last, and only when everything else matches.
  public func check(for current: Invocation) -> Check {
    guard current == invocation, filesAreUnchanged() else { return .differs(gitStatus: nil) }
    let status = GitStatusCall.run(in: repositoryRoot, environment: current.environment)
    return status == gitStatus ? .holds : .differs(gitStatus: status)
  }

}
