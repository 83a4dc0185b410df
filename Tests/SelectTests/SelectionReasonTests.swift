import Foundation
import SieveModel
import SieveSelect
import Testing

@Suite("SelectionReason")
struct SelectionReasonTests {
  /// Every case, with whether it selects every test.
  static let cases: [(SelectionReason, Bool)] = [
    (.noDatabase(path: ".sieve/sieve.db"), true),
    (
      .unreadableDatabase(message: ".sieve/sieve.db is damaged (database disk image is malformed)"),
      true
    ),
    (.newerDatabase(path: ".sieve/sieve.db"), true),
    (.unknownCommit(commit: "0123456789abcdef0123456789abcdef01234567"), true),
    (.requestedAll, true),
    (.configurationChanged(path: "pytest.ini"), true),
    (.environmentChanged(change: "the environment variable DJANGO_SETTINGS_MODULE changed"), true),
    (.changedBlock(path: "app/calc.py", block: "Calculator.add"), false),
    (.removedBlock(path: "app/calc.py", block: "subtract"), false),
    (.removedFile(path: "app/old.py"), false),
    (.failedLastTime(outcome: .failed), false),
    (.neverRan, false),
    (.alwaysRuns, false),
  ]

  @Test("Each reason's summary is one non-empty line without a trailing period", arguments: cases)
  func summaryIsOneLine(reason: SelectionReason, _: Bool) {
    let summary = reason.summary

    #expect(!summary.isEmpty)
    #expect(!summary.contains("\n"))
    #expect(!summary.hasSuffix("."))
    #expect(summary == summary.trimmingCharacters(in: .whitespaces))
  }

  @Test("Only reasons that widen the selection to everything say so", arguments: cases)
  func runEverything(reason: SelectionReason, isRunEverything: Bool) {
    #expect(reason.isRunEverything == isRunEverything)
  }

  @Test("Each summary names what it is about", arguments: cases)
  func summaryNamesItsSubject(reason: SelectionReason, _: Bool) {
    let subject: String
    switch reason {
    case .noDatabase(let path), .newerDatabase(let path): subject = path
    case .unreadableDatabase(let message): subject = message
    case .unknownCommit(let commit): subject = String(commit.prefix(12))
    case .requestedAll: subject = "as asked"
    case .environmentChanged(let change): subject = change
    case .configurationChanged(let path), .removedFile(let path): subject = path.value
    case .changedBlock(let path, let block), .removedBlock(let path, let block):
      subject = "\(path): \(block)"
    case .failedLastTime(let outcome): subject = outcome.rawValue
    case .neverRan: subject = "never run"
    case .alwaysRuns: subject = "sieve_always"
    }

    #expect(reason.summary.contains(subject))
  }

  /// The case's name; the exhaustive switch makes a new case fail to compile until added here.
  static func kind(of reason: SelectionReason) -> String {
    switch reason {
    case .noDatabase: "noDatabase"
    case .unreadableDatabase: "unreadableDatabase"
    case .newerDatabase: "newerDatabase"
    case .unknownCommit: "unknownCommit"
    case .requestedAll: "requestedAll"
    case .configurationChanged: "configurationChanged"
    case .environmentChanged: "environmentChanged"
    case .changedBlock: "changedBlock"
    case .removedBlock: "removedBlock"
    case .removedFile: "removedFile"
    case .failedLastTime: "failedLastTime"
    case .neverRan: "neverRan"
    case .alwaysRuns: "alwaysRuns"
    }
  }

  @Test("The table of reasons covers every case")
  func tableCoversEveryCase() {
    #expect(Set(Self.cases.map { Self.kind(of: $0.0) }).count == 13)
  }

  @Test("An unknown commit is shortened to twelve characters")
  func unknownCommitIsShortened() {
    let summary = SelectionReason.unknownCommit(
      commit: "0123456789abcdef0123456789abcdef01234567"
    ).summary

    #expect(summary.contains("0123456789ab "))
    #expect(!summary.contains("0123456789abc"))
  }

  @Test(
    "An unreadable database's summary has no trailing period when the store's message is passed"
  )
  func unreadableStoreMessage() {
    // The message SelectionReasonCarrier passes: StoreError.unreadable's description.
    let message =
      "/r/.sieve/sieve.db is not a readable Sieve database (file is not a database). "
      + "Delete it, or run `sieve run --all`, to rebuild it."

    let summary = SelectionReason.unreadableDatabase(message: message).summary

    #expect(!summary.hasSuffix("."))
  }

  @Test("Every reason survives a JSON round trip", arguments: cases)
  func codableRoundTrip(reason: SelectionReason, _: Bool) throws {
    let data = try JSONEncoder().encode(reason)

    #expect(try JSONDecoder().decode(SelectionReason.self, from: data) == reason)
  }
}
