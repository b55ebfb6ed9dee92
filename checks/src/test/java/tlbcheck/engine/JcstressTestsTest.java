package tlbcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.LimitReached;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Property;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Variant;
import tlbcheck.model.real.Outcome;

/**
 * The jcstress tests generated from the catalogue, checked by the explorer before any runs:
 * which tests exist, exactly which outcomes each can show in its race's order, that every buggy
 * variant has a race that shows it, and that no race can deadlock (a deadlocked sample would
 * hang jcstress instead of failing it).
 */
class JcstressTestsTest {
  private static List<JcstressTests.Test> tests;

  @BeforeAll
  static void generate() throws LimitReached {
    tests = JcstressTests.all();
  }

  /**
   * Every test and the exact set of outcomes the explorer finds reachable in its race: what a
   * jcstress run may show, and nothing else. Safe variants reach only "ok"; rfc-missing-put
   * leaks the table page in every execution, so "ok" is unreachable there.
   */
  @Test
  void everyTestAndItsReachableOutcomes() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("m1.Flag_Eager", List.of("ok"));
    expected.put("m1.Flag_AviV3", List.of("ok", "stale-tlb"));
    expected.put("m1.Flag_AndreaV4", List.of("ok", "stale-tlb"));
    expected.put("m1.Flag_AndreaV4NoWmb", List.of("ok", "stale-tlb"));
    expected.put("m1.Flag_FlushThenClear", List.of("ok", "stale-tlb"));
    expected.put("m1.Flag_TlbsDirtyCmpxchg", List.of("ok"));
    expected.put("m1.Flag_TlbsDirtyNoWmb", List.of("ok"));
    expected.put("m1.Flag_TlbsDirtyNoMb", List.of("ok"));
    expected.put("m1.Flag_UnderMmuLock", List.of("ok"));
    expected.put("m2.Alloc_WriteLock", List.of("ok"));
    expected.put("m2.Alloc_ReadLock", List.of("ok"));
    expected.put("m2.Alloc_ReadLockNoRecheck", List.of("ok", "two-valid-roots"));
    expected.put("m2.Alloc_ReadLockPlainInc", List.of("ok"));
    expected.put("m2.Teardown_WriteLock", List.of("ok"));
    expected.put("m2.Teardown_ReadLock", List.of("ok"));
    expected.put("m2.Teardown_ReadLockPlainInc", List.of("freed-root-held", "ok"));
    expected.put("m3.Zap_FlushPerRemoval", List.of("ok"));
    expected.put("m3.Zap_Batched", List.of("ok"));
    expected.put("m3.Zap_FlushBeforeUnlock", List.of("ok"));
    expected.put("m3.Zap_UnlockBeforeFlush", List.of("freed-psc", "ok"));
    expected.put("m3.Zap_NoFlush", List.of("freed-psc", "ok"));
    expected.put("m4.Coalesce_BbmVmall", List.of("ok"));
    expected.put("m4.Coalesce_RfcBlockFirst", List.of("ok"));
    expected.put("m4.Coalesce_RfcMissingPut", List.of("table-leak"));
    expected.put("m4.Coalesce_RfcNoCmo", List.of("dirty-read", "ok"));
    expected.put("m4.Coalesce_BbmRange", List.of("ok"));
    expected.put("m4.Coalesce_RangeTooSmall", List.of("ok", "tlb-conflict"));
    expected.put("m4.Coalesce_NoBbm", List.of("dirty-read", "freed-walk", "ok"));
    // The DSB and release variants: on the x86 host jcstress runs on, their stores and TLB
    // steps stay in program order, so only ok is reachable (their races are arm64's).
    expected.put("m4.Coalesce_BbmNoDsbBeforeTlbi", List.of("ok"));
    expected.put("m4.Coalesce_BbmNoDsbAfterTlbi", List.of("ok"));
    expected.put("m4.Coalesce_RfcPlainStore", List.of("ok"));
    expected.put("m4_unmap.Unmap_TlbiPerPage", List.of("ok"));
    expected.put("m4_unmap.Unmap_DeferredRange", List.of("ok"));
    expected.put("m4_unmap.Unmap_DeferredFreeEarly", List.of("ok", "stale-tlb"));
    expected.put("m4_unmap.Unmap_DeferredRangeNoDsb", List.of("ok"));
    // The pinned protocols' tests; a model added later has tests of its own, not these.
    List<String> pinned = List.of("m1", "m2", "m3", "m4", "m4-unmap");
    Map<String, List<String>> actual = new LinkedHashMap<>();
    tests.stream().filter(t -> pinned.contains(t.protocol().id())).forEach(t -> actual.put(
        t.className().substring("tlbcheck.stress.".length()), t.reachableOutcomes()));
    assertEquals(expected, actual);
  }

  /** Each buggy variant of the catalogue is shown by at least one race. */
  @Test
  void everyBuggyVariantHasARaceThatShowsIt() {
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        boolean buggy = p.scenarios().stream().anyMatch(s -> !p.expected(v.id(), s).safe());
        boolean shown = tests.stream().anyMatch(t -> t.protocol() == p && t.variant() == v
            && !t.expected().safe());
        assertEquals(buggy, shown, p.id() + " " + v.id());
      }
    }
  }

  /** A race that could deadlock would hang a jcstress sample; none can. */
  @Test
  void noRaceCanDeadlock() {
    for (JcstressTests.Test t : tests) {
      assertFalse(t.reachable().containsKey("DEADLOCK"), t.className());
    }
  }

  /**
   * Each race's declaration of the properties it shows ({@link Race#shows}) is what the explorer
   * finds: for every variant expected to break property X in the race's scenario, X is reachable
   * in the race's order exactly when the race declares it. A wrong declaration would leave a
   * buggy variant's jcstress test out, or generate one that can never catch its bug.
   */
  @Test
  void everyRaceShowsWhatItDeclares() throws LimitReached {
    int checked = 0;
    for (Protocol p : Catalogue.all()) {
      for (Race r : p.races(Params.DEFAULT)) {
        for (Variant v : p.variants()) {
          Expectation e = p.expected(v.id(), r.scenario());
          if (e.safe()) {
            continue;
          }
          boolean reachable = JcstressTests.reachable(r.model(p, v.id(), Params.DEFAULT))
              .containsKey(e.property());
          assertEquals(r.shows().contains(e.property()), reachable,
              p.id() + " race " + r.id() + ", " + v.id() + ": " + e.property());
          checked++;
        }
      }
    }
    assertTrue(checked >= 12, "buggy (race, variant) pairs checked: " + checked);
  }

  /** Every property of the catalogue has an outcome name, so a real run can report it. */
  @Test
  void everyPropertyHasAnOutcomeName() {
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          Model m = p.build(v.id(), s, Params.DEFAULT);
          for (Property q : m.properties()) {
            assertFalse(Outcome.of(m, q.id()).isEmpty(), q.id());
          }
        }
      }
    }
    Model m1 = Catalogue.protocol("m1").build("eager", "race", Params.DEFAULT);
    assertEquals("stale-tlb", Outcome.of(m1, "P1"));
    assertThrows(IllegalArgumentException.class, () -> Outcome.of(m1, "P9"));
  }

  /** Every race places every thread of its scenario at every N the suite checks. */
  @Test
  void everyRacePlacesEveryThreadAtEveryN() {
    int built = 0;
    for (Protocol p : Catalogue.all()) {
      for (int n = 2; n <= 4; n++) {
        Params params = Params.DEFAULT.withN(n);
        for (Race r : p.races(params)) {
          Model m = r.model(p, p.variants().get(0).id(), params);
          assertEquals(n, m.params().get("N"), m.name());
          built++;
        }
      }
    }
    assertTrue(built >= 3 * Catalogue.all().size(), "races built: " + built);
  }

  /** A race must place each thread of its scenario exactly once. */
  @Test
  void aRaceThatLeavesAThreadOutIsAModelError() {
    Protocol m1 = Catalogue.protocol("m1");
    Race partial = new Race("partial", "no guest", "race", List.of(), List.of(),
        List.of("invlpg"), List.of("sync"), List.of("notifier"));
    ModelError e = assertThrows(ModelError.class, () -> partial.model(m1, "eager",
        Params.DEFAULT));
    assertTrue(e.getMessage().contains("guest(1)"), e.getMessage());
  }
}
