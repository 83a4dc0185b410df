import Foundation

/// A real nginx on a loopback port, with WebDAV PUT enabled, for testing HTTP baseline stores.
///
/// Paths: `/open/` takes GET, PUT and HEAD from anyone; `/private/` answers 401 unless the
/// request carries `Authorization: ` ``token``; `/broken/` always answers 500. The server
/// stops when the object goes away.
public final class NginxServer: @unchecked Sendable {
  /// The server's files, configuration and logs.
  public let directory: TemporaryDirectory
  /// The port it listens on, on 127.0.0.1.
  public let port: Int
  /// The nginx master process, in the foreground (`daemon off`): a daemonizing nginx would
  /// inherit the descriptor Foundation watches to see a child exit.
  private let process: Process

  /// The Authorization header value `/private/` expects.
  public static let token = "Bearer sieve-test-token"

  /// The server's base URL, `http://127.0.0.1:<port>`.
  public var url: String { "http://127.0.0.1:\(port)" }

  /// Starts nginx (Debian's `/usr/sbin/nginx`, installed by `Scripts/bootstrap`).
  ///
  /// - Throws: ``Shell/Failure`` when nginx is missing or does not start.
  public init() throws {
    directory = try TemporaryDirectory(prefix: "sieve-nginx")
    let executable = Self.executable
    var lastError = ""
    for _ in 0..<8 {
      let port = Int.random(in: 20_000..<60_000)
      let configuration = directory.path + "/nginx.conf"
      try Self.configuration(root: directory.path, port: port)
        .write(toFile: configuration, atomically: true, encoding: .utf8)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = ["-p", directory.path, "-c", configuration]
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      for _ in 0..<100 where process.isRunning && !Self.accepts(port: port) {
        Thread.sleep(forTimeInterval: 0.05)
      }
      if process.isRunning && Self.accepts(port: port) {
        self.port = port
        self.process = process
        return
      }
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
      lastError =
        (try? String(contentsOfFile: directory.path + "/error.log", encoding: .utf8)) ?? ""
      if !lastError.contains("in use") { break }
    }
    throw Shell.Failure(
      command: "\(executable) (install it with Scripts/bootstrap)", directory: directory.path,
      status: 1, standardError: lastError)
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }

  /// Whether something accepts TCP connections on 127.0.0.1:`port`.
  private static func accepts(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  private static var executable: String {
    FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx"
  }

  private static func configuration(root: String, port: Int) -> String {
    let user = getuid() == 0 ? "user root;" : ""
    return """
      \(user)
      daemon off;
      worker_processes 1;
      pid \(root)/nginx.pid;
      error_log \(root)/error.log;
      events { worker_connections 64; }
      http {
        access_log off;
        client_body_temp_path \(root)/body;
        proxy_temp_path \(root)/proxy;
        fastcgi_temp_path \(root)/fastcgi;
        uwsgi_temp_path \(root)/uwsgi;
        scgi_temp_path \(root)/scgi;
        client_max_body_size 200m;
        server {
          listen 127.0.0.1:\(port);
          root \(root)/www;
          location /open/ {
            dav_methods PUT;
            create_full_put_path on;
          }
          location /private/ {
            if ($http_authorization != "\(token)") { return 401; }
            dav_methods PUT;
            create_full_put_path on;
          }
          location /broken/ { return 500; }
        }
      }

      """
  }
}
