// The floor of a no-change front executable: what it must do at the least, without
// Foundation or swift-argument-parser. One `git status --porcelain=v2 --branch -z` (status
// and HEAD in one call) and one read of the database. A measurement, not part of Sieve.
//
// Build and time it in a project that has a .sieve/sieve.db (docs/benchmarks.md, start-up):
//   swiftc -O -static-stdlib -import-objc-header sqlite-spawn.h front.swift -lsqlite3 -o /tmp/front
//   cd PROJECT && /tmp/front
#if canImport(Glibc)
import Glibc
#endif

func run(_ argv: [String]) -> String {
  var fds: [Int32] = [0, 0]
  pipe(&fds)
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
  posix_spawn_file_actions_addclose(&actions, fds[0])
  var pid: pid_t = 0
  var cargs = argv.map { strdup($0) } + [nil]
  let rc = posix_spawnp(&pid, argv[0], &actions, nil, &cargs, environ)
  close(fds[1])
  var out = [UInt8]()
  var buf = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = read(fds[0], &buf, buf.count)
    if n <= 0 { break }
    out += buf[0..<n]
  }
  close(fds[0])
  var status: Int32 = 0
  waitpid(pid, &status, 0)
  _ = rc
  return String(decoding: out, as: UTF8.self)
}

let status = run(["git", "status", "--porcelain=v2", "--branch", "-z"])
let head = status
var db: OpaquePointer?
sqlite3_open_v2(".sieve/sieve.db", &db, SQLITE_OPEN_READONLY, nil)
var stmt: OpaquePointer?
sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &stmt, nil)
var count: Int64 = 0
if sqlite3_step(stmt) == SQLITE_ROW { count = sqlite3_column_int64(stmt, 0) }
sqlite3_finalize(stmt)
sqlite3_close(db)
if status.isEmpty && !head.isEmpty && count > 0 { exit(0) }
print(status.utf8.count, head.utf8.count, count)
