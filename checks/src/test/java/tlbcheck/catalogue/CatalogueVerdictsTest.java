package tlbcheck.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.junit.ModelAssertions;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;

/**
 * Every variant of every model of the catalogue, in every scenario, at every parameter set
 * {@code tlbcheck verify} checks with N at most 3 (N = 4 is left to verify, for time), has the
 * verdict the catalogue expects, or the one tlbcheck found where the catalogue leaves it open
 * (explained in each model's traces test).
 */
class CatalogueVerdictsTest {
  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          for (Params params : p.verifiedParams(s)) {
            if (params.n() <= 3) {
              cases.add(Arguments.of(p.id(), v.id(), s, params));
            }
          }
        }
      }
    }
    return cases;
  }

  static List<Arguments> x86Cases() {
    return cases().stream().filter(a -> !((String) a.get()[0]).startsWith("m4")
        && ((Params) a.get()[3]).n() == 2).toList();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("cases")
  void verdictIsTheExpectedOne(String model, String variant, String scenario, Params params) {
    Protocol p = Catalogue.protocol(model);
    ModelAssertions.assertVerdict(p.expected(variant, scenario).label(),
        p.build(variant, scenario, params));
  }

  /**
   * The x86 models (M1, M2, M3) under x86-TSO: every verdict is the one sequential consistency
   * gives. Their locks, their locked read-modify-writes and their flushes (serializing on x86)
   * order every access the properties depend on; the variants whose bug needs a reordering are
   * the memory-model issue's new ones. At N = 2 here, for time (without the symmetry
   * reduction, which x86 does not have yet, M2 at N = 3 takes half a minute); {@code verify
   * --memory x86} runs them all.
   */
  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("x86Cases")
  void verdictUnderX86IsTheSame(String model, String variant, String scenario, Params params) {
    Protocol p = Catalogue.protocol(model);
    ModelAssertions.assertVerdict(p.expected(variant, scenario).label(),
        p.build(variant, scenario, params), MemoryModel.X86);
  }

  /**
   * The table of verdicts under sc and under arm64 ("-" for a model arm64 does not run),
   * written out, so that a change to any of them shows in review. Each arm64 verdict that
   * differs from sc's is explained with its trace in Arm64TracesTest; {@code tlbcheck verify}
   * checks every one at N = 2.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("expectedTable")
  void catalogueTable(String model, String variant, String scenario, String verdict,
      String arm64) {
    Protocol p = Catalogue.protocol(model);
    assertEquals(verdict, p.expected(variant, scenario).label());
    assertEquals(!arm64.equals("-"), p.memoryModels().contains("arm64"), model);
    if (!arm64.equals("-")) {
      assertEquals(arm64, p.expected(variant, scenario, "arm64").label());
    }
  }

  static List<Arguments> expectedTable() {
    return List.of(
        Arguments.of("m1", "eager", "race", "safe", "safe"),
        Arguments.of("m1", "eager", "s1", "safe", "safe"),
        Arguments.of("m1", "avi-v3", "race", "violates P1", "violates P1"),
        Arguments.of("m1", "avi-v3", "s1", "violates P1", "violates P1"),
        Arguments.of("m1", "andrea-v4", "race", "violates P1", "violates P1"),
        Arguments.of("m1", "andrea-v4", "s1", "safe", "safe"),
        Arguments.of("m1", "andrea-v4-no-wmb", "race", "violates P1", "violates P1"),
        Arguments.of("m1", "andrea-v4-no-wmb", "s1", "safe", "violates P1"),
        Arguments.of("m1", "flush-then-clear", "race", "violates P1", "violates P1"),
        Arguments.of("m1", "flush-then-clear", "s1", "violates P1", "violates P1"),
        Arguments.of("m1", "tlbs-dirty-cmpxchg", "race", "safe", "safe"),
        Arguments.of("m1", "tlbs-dirty-cmpxchg", "s1", "safe", "safe"),
        Arguments.of("m1", "tlbs-dirty-no-wmb", "race", "safe", "violates P1"),
        Arguments.of("m1", "tlbs-dirty-no-wmb", "s1", "safe", "violates P1"),
        Arguments.of("m1", "tlbs-dirty-no-mb", "race", "safe", "safe"),
        Arguments.of("m1", "tlbs-dirty-no-mb", "s1", "safe", "safe"),
        Arguments.of("m1", "under-mmu-lock", "race", "safe", "safe"),
        Arguments.of("m1", "under-mmu-lock", "s1", "safe", "safe"),
        Arguments.of("m2", "write-lock", "load", "safe", "-"),
        Arguments.of("m2", "write-lock", "notifier", "safe", "-"),
        Arguments.of("m2", "write-lock", "vcpus", "safe", "-"),
        Arguments.of("m2", "read-lock", "load", "safe", "-"),
        Arguments.of("m2", "read-lock", "notifier", "safe", "-"),
        Arguments.of("m2", "read-lock", "vcpus", "safe", "-"),
        Arguments.of("m2", "read-lock-no-recheck", "load", "violates P2a", "-"),
        Arguments.of("m2", "read-lock-no-recheck", "notifier", "violates P2a", "-"),
        Arguments.of("m2", "read-lock-no-recheck", "vcpus", "violates P2a", "-"),
        Arguments.of("m2", "read-lock-plain-inc", "load", "safe", "-"),
        Arguments.of("m2", "read-lock-plain-inc", "notifier", "violates P2b", "-"),
        Arguments.of("m2", "read-lock-plain-inc", "vcpus", "safe", "-"),
        Arguments.of("m3", "flush-per-removal", "zap", "safe", "-"),
        Arguments.of("m3", "batched", "zap", "safe", "-"),
        Arguments.of("m3", "flush-before-unlock", "zap", "safe", "-"),
        Arguments.of("m3", "unlock-before-flush", "zap", "violates P3", "-"),
        Arguments.of("m3", "no-flush", "zap", "violates P3", "-"),
        Arguments.of("m4", "bbm-vmall", "coalesce", "safe", "safe"),
        Arguments.of("m4", "rfc-block-first", "coalesce", "safe", "safe"),
        Arguments.of("m4", "rfc-missing-put", "coalesce", "violates P4c", "violates P4c"),
        Arguments.of("m4", "rfc-no-cmo", "coalesce", "violates P4d", "violates P4d"),
        Arguments.of("m4", "bbm-range", "coalesce", "safe", "safe"),
        Arguments.of("m4", "range-too-small", "coalesce", "violates P4a", "violates P4a"),
        Arguments.of("m4", "no-bbm", "coalesce", "violates P4d", "violates P4d"),
        Arguments.of("m4", "bbm-no-dsb-before-tlbi", "coalesce", "safe", "violates P4b"),
        Arguments.of("m4", "bbm-no-dsb-after-tlbi", "coalesce", "safe", "violates P4b"),
        Arguments.of("m4", "rfc-plain-store", "coalesce", "safe", "safe"),
        Arguments.of("m4-unmap", "tlbi-per-page", "unmap", "safe", "safe"),
        Arguments.of("m4-unmap", "deferred-range", "unmap", "safe", "safe"),
        Arguments.of("m4-unmap", "deferred-free-early", "unmap", "violates P1", "violates P1"),
        Arguments.of("m4-unmap", "deferred-range-no-dsb", "unmap", "safe", "violates P1"));
  }
}
