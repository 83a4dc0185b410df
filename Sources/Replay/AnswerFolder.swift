#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where remembered answers live: `.sieve/answers/` at the repository root, one file per
/// command line and directory.
public struct AnswerFolder: Sendable {
  /// The folder's absolute path.
  public let path: String
  /// The folder it is created in, which must already exist (Sieve's own folder).
  let parent: String

  /// The answer folder of a repository.
  ///
  /// - Parameter repositoryRoot: The top of the work tree.
  public init(repositoryRoot: String) {
    parent = repositoryRoot + "/.sieve"
    path = parent + "/answers"
  }

  /// The file that holds the answer for an invocation's arguments and directory.
  ///
  /// The name is a 64-bit FNV-1a digest; the file itself holds the whole invocation, so two
  /// command lines with one digest only take each other's place.
  public func file(for invocation: Invocation) -> String {
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for text in invocation.arguments + ["", invocation.directory] {
      for byte in text.utf8 + [0] {
        digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
    }
    let hex = String(digest, radix: 16)
    return path + "/" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The answer remembered for an invocation's arguments and directory, if any.
  ///
  /// Whether it still holds is ``RememberedAnswer/check(for:)``'s question.
  public func answer(for invocation: Invocation) -> RememberedAnswer? {
    guard let bytes = Self.contents(of: file(for: invocation)) else { return nil }
    return RememberedAnswer(encoded: bytes)
  }

  /// Stores an answer, replacing the one for the same arguments and directory.
  ///
  /// Writes a temporary file and renames it, so a reader never sees half an answer. Does
  /// nothing when the repository has no `.sieve` folder (the database lives elsewhere): Sieve
  /// does not create folders in a repository for this.
  ///
  /// - Returns: Whether the answer was stored.
  @discardableResult
  public func remember(_ answer: RememberedAnswer) -> Bool {
    var info = stat()
    guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
    if mkdir(path, 0o755) != 0 && errno != EEXIST { return false }
    let target = file(for: answer.invocation)
    let temporary = target + ".\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return false }
    let complete = Descriptor.writeAll(descriptor, answer.encoded())
    close(descriptor)
    guard complete, rename(temporary, target) == 0 else {
      unlink(temporary)
      return false
    }
    return true
  }

  private static func contents(of file: String) -> [UInt8]? {
    let descriptor = open(file, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    return Descriptor.readToEnd(descriptor)
  }
}
