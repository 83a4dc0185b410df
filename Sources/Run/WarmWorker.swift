import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A long-lived test-runner process that forks one child per run, reached over a Unix socket.
///
/// The worker (for pytest, `sieve_pytest.warm`) listens on a `SOCK_SEQPACKET` socket. For each
/// run the client sends a JSON object `{"env": {…}}` with the run's own variables and its
/// standard input, output and error (`SCM_RIGHTS`); the worker answers `pid N`, then
/// `exit CODE` when the child ends, or `stale REASON` when it can no longer serve. While the
/// child runs, Ctrl-C and Ctrl-\ are forwarded to it: it is not in the terminal's process group.
public struct WarmWorker: Sendable {
  /// What came of asking the worker for a run.
  public enum Outcome: Sendable, Equatable {
    /// The child ran to the end with this exit code (128 + N for signal N).
    case ran(exitCode: Int32)
    /// No run happened: no worker listens, or it answered that it is stale (the reason).
    case unavailable(reason: String?)
  }

  /// The socket the worker listens on.
  public var socketPath: String
  /// How to start the worker: program, arguments, environment, directory and a log file.
  public var process: ChildProcess

  /// Describes a worker.
  ///
  /// - Parameters:
  ///   - socketPath: The socket the worker listens on.
  ///   - process: How to start it; its ``ChildProcess/outputPath`` receives its messages.
  public init(socketPath: String, process: ChildProcess) {
    self.socketPath = socketPath
    self.process = process
  }

  /// Asks the worker for one run with this process's standard streams.
  ///
  /// - Parameter environment: The run's own variables (`nil` removes one).
  /// - Returns: ``Outcome/ran(exitCode:)``, or ``Outcome/unavailable(reason:)`` when nothing
  ///   ran, so the caller runs the test runner as usual.
  public func run(environment: [String: String?]) async -> Outcome {
    let previousInterrupt = signal(SIGINT, SIG_IGN)
    let previousQuit = signal(SIGQUIT, SIG_IGN)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGQUIT, previousQuit)
    }
    let path = socketPath
    let payload = Self.request(environment: environment)
    return await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(returning: Self.converse(path: path, payload: payload))
      }
    }
  }

  /// Starts the worker in a session of its own, with its output in the process's output file,
  /// and does not wait for it.
  ///
  /// - Throws: ``RunError`` when it cannot be started.
  public func start() throws(RunError) {
    _ = try SpawnedProcess(process, detached: true)
  }

  static func request(environment: [String: String?]) -> [UInt8] {
    var object: [String: Any] = [:]
    for (name, value) in environment { object[name] = value ?? NSNull() }
    let data = (try? JSONSerialization.data(withJSONObject: ["env": object])) ?? Data()
    return Array(data)
  }

  /// The whole exchange, on a thread of its own: connect, send, forward signals, wait.
  private static func converse(path: String, payload: [UInt8]) -> Outcome {
    let socket = Glibc.socket(
      AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { return .unavailable(reason: nil) }
    defer { close(socket) }
    guard connect(socket, to: path), send(payload, descriptors: [0, 1, 2], on: socket) else {
      return .unavailable(reason: nil)
    }
    var forwarding: [any DispatchSourceSignal] = []
    defer { for source in forwarding { source.cancel() } }
    var started: pid_t?
    while let message = receive(on: socket) {
      let words = message.split(separator: " ", maxSplits: 1).map(String.init)
      guard let word = words.first else { break }
      let rest = words.count > 1 ? words[1] : ""
      switch word {
      case "pid":
        guard let child = pid_t(rest) else { break }
        started = child
        for number in [SIGINT, SIGQUIT] {
          let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
          source.setEventHandler { kill(child, number) }
          source.resume()
          forwarding.append(source)
        }
      case "exit":
        if let code = Int32(rest) { return .ran(exitCode: code) }
        return .unavailable(reason: "the warm worker sent an unreadable exit code")
      case "stale":
        return .unavailable(reason: rest)
      default:
        break
      }
    }
    if let started { stop(started) }
    return .unavailable(reason: "the warm worker ended without reporting the run's end")
  }

  /// Stops a run the worker can no longer report on, and waits (at most 10 s) until it is
  /// gone, so that a cold run does not overlap it.
  private static func stop(_ child: pid_t) {
    kill(child, SIGKILL)
    for _ in 0..<1000 where kill(child, 0) == 0 { usleep(10_000) }
  }

  private static func connect(_ socket: Int32, to path: String) -> Bool {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sockaddr_un>.size)
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, length) == 0
      }
    }
  }

  /// Sends one message with descriptors attached (`SCM_RIGHTS`).
  private static func send(_ payload: [UInt8], descriptors: [Int32], on socket: Int32) -> Bool {
    let dataLength = descriptors.count * MemoryLayout<Int32>.size
    let headerLength = MemoryLayout<cmsghdr>.size
    let alignment = MemoryLayout<Int>.size
    let space = headerLength + (dataLength + alignment - 1) / alignment * alignment
    var control = [UInt8](repeating: 0, count: space)
    var bytes = payload
    return control.withUnsafeMutableBytes { controlBuffer in
      guard let controlBase = controlBuffer.baseAddress else { return false }
      let header = controlBase.assumingMemoryBound(to: cmsghdr.self)
      header.pointee.cmsg_len = headerLength + dataLength
      header.pointee.cmsg_level = SOL_SOCKET
      header.pointee.cmsg_type = Int32(SCM_RIGHTS)
      let data = (controlBase + headerLength).assumingMemoryBound(to: Int32.self)
      for (index, descriptor) in descriptors.enumerated() { data[index] = descriptor }
      return bytes.withUnsafeMutableBytes { payloadBuffer in
        var vector = iovec(iov_base: payloadBuffer.baseAddress, iov_len: payloadBuffer.count)
        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
          var message = msghdr()
          message.msg_iov = vectorPointer
          message.msg_iovlen = 1
          message.msg_control = controlBase
          message.msg_controllen = space
          return sendmsg(socket, &message, Int32(MSG_NOSIGNAL)) == payloadBuffer.count
        }
      }
    }
  }

  /// One message, or `nil` at the end of the connection.
  private static func receive(on socket: Int32) -> String? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(socket, &buffer, buffer.count, 0)
      if count > 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
      if count < 0 && errno == EINTR { continue }
      return nil
    }
  }
}
