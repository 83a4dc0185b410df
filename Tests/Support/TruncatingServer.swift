import Foundation

/// A one-connection HTTP server (Python's socket module) that promises 1,000 bytes and
/// sends 10, to test what a client does with a download cut short.
///
/// It exits after one connection, or after a minute without one, and shares no output
/// stream with the test process (a child holding the test runner's pipe would keep
/// `swift test` waiting after the tests end).
public final class TruncatingServer: @unchecked Sendable {
  private let process: Process
  /// The port it listens on, on 127.0.0.1.
  public let port: Int

  /// Its base URL.
  public var url: String { "http://127.0.0.1:\(port)" }

  /// Starts the server and waits until it listens.
  ///
  /// - Throws: When python3 cannot start or does not report its port.
  public init() throws {
    let script = """
      import socket, sys
      s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
      print(s.getsockname()[1], flush=True)
      s.settimeout(60)
      for _ in range(1):
          c, _ = s.accept()
          c.recv(65536)
          c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 1000\\r\\nConnection: close\\r\\n\\r\\n0123456789")
          c.close()
      """
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty,
      byte != Data("\n".utf8)
    {
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      process.terminate()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  deinit {
    process.terminate()
  }
}
