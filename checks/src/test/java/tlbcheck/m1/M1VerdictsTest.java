package tlbcheck.m1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Catalogue;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.CheckResult;

/**
 * Every M1 variant, in both scenarios, at N = 2 and 3, has the verdict the catalogue expects
 * (and, for andrea-v4, the one tlbcheck found and {@link M1TracesTest} explains).
 */
class M1VerdictsTest {
  private static final Protocol M1 = Catalogue.protocol("m1");

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Variant v : M1.variants()) {
      for (String s : M1.scenarios()) {
        for (int n : List.of(2, 3)) {
          cases.add(Arguments.of(v.id(), s, n));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} N={2}")
  @MethodSource("cases")
  void verdictIsTheExpectedOne(String variant, String scenario, int n) {
    CheckResult r = Explorer.check(M1.build(variant, scenario, Params.DEFAULT.withN(n)));
    assertEquals(M1.expected(variant, scenario).label(), r.verdict().label());
  }

  /** The table of verdicts, written out, so that a change to any of them shows in review. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("expectedTable")
  void catalogueTable(String variant, String scenario, String verdict) {
    assertEquals(verdict, M1.expected(variant, scenario).label());
  }

  static List<Arguments> expectedTable() {
    return List.of(
        Arguments.of("eager", "race", "safe"),
        Arguments.of("eager", "s1", "safe"),
        Arguments.of("avi-v3", "race", "violates P1"),
        Arguments.of("avi-v3", "s1", "violates P1"),
        Arguments.of("andrea-v4", "race", "violates P1"),
        Arguments.of("andrea-v4", "s1", "safe"),
        Arguments.of("flush-then-clear", "race", "violates P1"),
        Arguments.of("flush-then-clear", "s1", "violates P1"),
        Arguments.of("tlbs-dirty-cmpxchg", "race", "safe"),
        Arguments.of("tlbs-dirty-cmpxchg", "s1", "safe"),
        Arguments.of("under-mmu-lock", "race", "safe"),
        Arguments.of("under-mmu-lock", "s1", "safe"));
  }
}
