#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one `git status` Sieve's decision starts from, shared by the full decision and the
/// replay of a remembered answer so that both see byte-identical output.
public enum GitStatusCall {
  /// The arguments after `git -C <root>`.
  public static let arguments = [
    "status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--no-renames",
  ]

  /// Variables set for every git command on top of the inherited environment.
  ///
  /// `GIT_OPTIONAL_LOCKS=0` stops `git status` and `git diff` from taking the index lock to
  /// refresh it, so Sieve never blocks (or fails) a concurrent `git commit`. `LC_ALL=C` keeps
  /// messages in English for error matching.
  public static let environmentOverrides: [(name: String, value: String)] = [
    ("GIT_OPTIONAL_LOCKS", "0"),
    ("LC_ALL", "C"),
  ]

  /// Runs `git -C root status …` with `posix_spawnp`, the cheapest way to start it.
  ///
  /// Standard error is discarded: a replay that cannot run git falls back to the full
  /// decision, which reports git's problem.
  ///
  /// - Parameters:
  ///   - root: The top of the work tree.
  ///   - environment: The environment as `NAME=value` entries, before the overrides.
  /// - Returns: What git printed, or `nil` when git could not start or did not exit with 0.
  public static func run(in root: String, environment: [String]) -> [UInt8]? {
    let overridden = Set(environmentOverrides.map(\.name))
    let entries =
      environment.filter { entry in
        !overridden.contains(entry.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "")
      } + environmentOverrides.map { "\($0.name)=\($0.value)" }
    return spawn(["git", "-C", root] + arguments, environment: entries)
  }

  private static func spawn(_ words: [String], environment: [String]) -> [UInt8]? {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return nil }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    #if canImport(Glibc)
      var actions = posix_spawn_file_actions_t()
    #else
      var actions: posix_spawn_file_actions_t? = nil
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    let argv = words.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var child: pid_t = 0
    let started = posix_spawnp(&child, "git", &actions, nil, argv, envp)
    close(writeEnd)
    guard started == 0 else {
      close(readEnd)
      return nil
    }
    let output = Descriptor.readToEnd(readEnd)
    close(readEnd)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED and WEXITSTATUS are macros Swift cannot import.
    let exitedNormally = status & 0x7f == 0
    let exitCode = (status >> 8) & 0xff
    return exitedNormally && exitCode == 0 ? output : nil
  }
}
