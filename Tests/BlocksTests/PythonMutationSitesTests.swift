import SieveBlocks
import Testing

/// The sites in `source`, as `(kind, line, original, replacement)`.
private func sites(_ source: String) -> [PythonMutationSite] {
  PythonMutationSites.find(in: Array(source.utf8))
}

@Suite("PythonMutationSites")
struct PythonMutationSitesTests {
  @Test("Comparisons inside functions flip; those at module level do not")
  func comparisons() {
    let found = sites(
      """
      FLAG = 1 < 2

      def check(a, b):
          if a < b and a != 0:
              return a >= b
          return a == b
      """)
    let comparisons = found.filter { $0.kind == .comparison }
    #expect(comparisons.map(\.original) == ["<", "!=", ">=", "=="])
    #expect(comparisons.map(\.replacement) == [">=", "==", "<", "!="])
    #expect(comparisons.map(\.line) == [4, 4, 5, 6])
  }

  @Test("Numbers are classified by where they are")
  func numbers() {
    let found = sites(
      """
      LIMIT = 10

      class Cart:
          SIZE = 3

          def total(self, tax=2.5):
              return 99 * tax

      def one_line(): return 7
      """)
    let numbers = found.map { "\($0.kind.rawValue) \($0.original)->\($0.replacement)" }
    #expect(
      numbers == [
        "moduleConstant 10->11", "classConstant 3->4", "defaultArgument 2.5->3.5",
        "functionConstant 99->100", "functionConstant 7->8",
      ])
  }

  @Test("Assertions in test functions are negated, up to the message")
  func assertions() {
    let source = """
      def helper(x):
          assert x

      def test_total():
          assert total(2, 3) == 5, "message"
          assert (
              a <
              b
          )

      class TestCart:
          def test_empty(self):
              assert not items
      """
    let found = sites(source)
    let assertions = found.filter { $0.kind == .assertion }
    #expect(
      assertions.map(\.original) == [
        "total(2, 3) == 5", "(\n        a <\n        b\n    )", "not items",
      ])
    #expect(assertions.map(\.line) == [5, 6, 13])
    #expect(found.filter { $0.kind == .comparison }.isEmpty, "test functions offer only assertions")
    let changed = String(decoding: assertions[0].applied(to: Array(source.utf8)), as: UTF8.self)
    #expect(changed.contains("assert not (total(2, 3) == 5), \"message\""))
  }

  @Test("Only plain decimal numbers change")
  func numberForms() {
    let found = sites("def f():\n    return 0x10 + 1_000 + 2j + 9 + 0 + 1e3 + .5\n")
    #expect(found.map(\.replacement) == ["10", "1", "2e3"])
  }

  @Test("Untokenizable source offers nothing")
  func broken() {
    #expect(sites("def f():\n    return '''never closed\n").isEmpty)
  }

  @Test("Bodies end where their indentation does")
  func dedent() {
    let found = sites(
      """
      def f():
          return 1

      X = 2
      """)
    #expect(found.map(\.kind) == [.functionConstant, .moduleConstant])
  }
}
