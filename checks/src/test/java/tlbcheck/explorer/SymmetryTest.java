package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;
import tlbcheck.report.ColumnTrace;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.result.Verdict;

/**
 * The symmetry reduction keeps verdicts exact. A declared symmetry is one: the set of reachable
 * states of each model that declares one, explored without the reduction, is closed under
 * swapping any two of its symmetric threads. Over the whole catalogue, with the reduction and
 * without it, every verdict and every metric is the same, and each violation's trace found under
 * the reduction replays on the plain model to the same property.
 */
@Tag("slow")
class SymmetryTest {
  private record Key(long[] s) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(k.s, s);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(s);
    }
  }

  /** Every state reachable in {@code model}: the one search, unreduced, over the whole graph. */
  private static Set<Key> reachable(Model model) {
    Set<Key> seen = new HashSet<>();
    SearchListener all = new SearchListener() {
      @Override
      public Coverage coverage() {
        return Coverage.WHOLE_GRAPH;
      }

      @Override
      public void searchStarted(Semantics sem, Symmetry sym) {
        seen.clear();
      }

      @Override
      public void stateAdded(Semantics sem, int id, long[] s, Semantics.Broken broken,
          boolean finished) {
        seen.add(new Key(s.clone()));
      }
    };
    new Search(model, SearchConfig.defaults().withReductions(Reductions.NONE), Progress.NONE,
        List.of(all)).run();
    return seen;
  }

  @Test
  void everyDeclaredSymmetryMapsReachableStatesToReachableStates() {
    int checked = 0;
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String scenario : p.scenarios()) {
          Model model = p.build(v.id(), scenario, Params.DEFAULT.withN(3));
          Semantics sem = new Semantics(model, MemoryModel.SC);
          Symmetry sym = Symmetry.of(sem);
          if (sym == null) {
            continue;
          }
          Set<Key> states = reachable(model);
          int[] sizes = sym.groupSizes();
          for (Key k : states) {
            for (int g = 0; g < sizes.length; g++) {
              for (int i = 0; i < sizes[g]; i++) {
                for (int j = i + 1; j < sizes[g]; j++) {
                  long[] swapped = k.s().clone();
                  sym.swap(sem.layout, swapped, g, i, j);
                  assertTrue(states.contains(new Key(swapped)), () -> model.name()
                      + ": a reachable state whose swap of two symmetric threads is not");
                }
              }
            }
          }
          checked++;
        }
      }
    }
    assertTrue(checked >= 12, "models with a symmetry: " + checked);
  }

  @Test
  void theCatalogueHasTheSameVerdictsAndMetricsWithAndWithoutTheReduction() {
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String scenario : p.scenarios()) {
          for (Params params : p.verifiedParams(scenario)) {
            Model model = p.build(v.id(), scenario, params);
            CheckResult with = Explorer.check(model, SearchConfig.defaults());
            CheckResult without = Explorer.check(model,
                SearchConfig.defaults().withReductions(Reductions.NONE));
            String name = model.name();
            assertEquals(without.verdict().label(), with.verdict().label(), name);
            assertEquals(without.metrics(), with.metrics(), name);
            assertTrue(with.stats().states() <= without.stats().states(), name);
            if (with.verdict() instanceof Verdict.Violated violated) {
              Schedule s = Schedule.parse(ColumnTrace.render(violated.trace()));
              Replayed r = Replay.run(model, s);
              Replayed.Violation again = assertInstanceOf(Replayed.Violation.class, r, name);
              assertEquals(violated.property(), again.verdict().property(), name);
            }
          }
        }
      }
    }
  }

  /**
   * Under x86 too, where each vCPU's store buffer moves with it: M2 at N = 2 and 3 has the same
   * verdicts and metrics with the reduction and without, stores fewer states with it, and every
   * violation's trace replays under x86 (its header names the memory model).
   */
  @Test
  void underX86TheReductionCarriesTheStoreBuffers() {
    SearchConfig x86 = SearchConfig.defaults().withMemory(MemoryModel.X86);
    Protocol p = Catalogue.protocol("m2");
    for (Variant v : p.variants()) {
      for (String scenario : p.scenarios()) {
        for (int n = 2; n <= 3; n++) {
          Model model = p.build(v.id(), scenario, Params.DEFAULT.withN(n));
          CheckResult with = Explorer.check(model, x86);
          CheckResult without = Explorer.check(model, x86.withReductions(Reductions.NONE));
          String name = model.name() + " under x86";
          assertEquals(without.verdict().label(), with.verdict().label(), name);
          assertEquals(without.metrics(), with.metrics(), name);
          assertTrue(with.stats().states() < without.stats().states(), name);
          if (with.verdict() instanceof Verdict.Violated violated) {
            Replayed r = Replay.run(model, Schedule.parse(ColumnTrace.render(violated.trace())));
            assertEquals(violated.property(),
                assertInstanceOf(Replayed.Violation.class, r, name).verdict().property(), name);
          }
        }
      }
    }
  }

  /** At N = 4 the vCPUs of M2 give the reduction its largest effect: about 4! = 24. */
  @Test
  void symmetryStoresFarFewerStatesForFourVcpus() {
    Model model = Catalogue.protocol("m2").build("read-lock", "load", Params.DEFAULT.withN(4));
    long with = Explorer.check(model, SearchConfig.defaults()).stats().states();
    long without = Explorer.check(model,
        SearchConfig.defaults().withReductions(Reductions.NONE)).stats().states();
    assertEquals(70_377, with);
    assertEquals(1_254_598, without);
  }

  @Test
  void threadsDeclaredSymmetricMustLookAlike() {
    ModelBuilder m = Model.builder("m9", "asymmetric", "race");
    Var x = m.var("x", Domain.bool(), 0);
    ThreadBuilder a = m.thread("a");
    a.step("set x", c -> c.store(x, 1));
    ThreadBuilder b = m.thread("b");
    b.step("clear x", c -> c.store(x, 0));
    m.invariant("P", "x is 0 or 1", r -> null);
    m.symmetric(List.of(a, b), 0, List.of());
    ModelError e = assertThrows(ModelError.class, m::build);
    assertEquals("model m9/asymmetric/race: threads a and b are declared symmetric but have "
        + "different steps at pc 0 ('set x', 'clear x')", e.getMessage());
  }
}
