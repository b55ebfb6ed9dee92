package tlbcheck.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.Limits;
import tlbcheck.explorer.Outcomes;
import tlbcheck.explorer.Reductions;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Variant;
import tlbcheck.model.real.Outcome;
import tlbcheck.model.real.StressTest;

/**
 * The jcstress tests the stress module generates ({@link StressTest} lists them, from the model
 * alone), each with the outcomes the explorer finds reachable in its race's order: what a run of
 * it on real hardware may show, and nothing else.
 */
public final class JcstressTests {
  /**
   * A race is a small model; more states than this means the race is cut wrongly. Without
   * symmetry, so that each outcome's count is of real end states. On the memory model of the
   * machine jcstress runs on: what x86 hardware may show is what x86-TSO reaches, not what
   * sequential consistency does (issue 17); elsewhere sc, the only other model there is.
   */
  private static final SearchConfig SEARCH = SearchConfig.defaults()
      .withLimits(Limits.defaults().withMaxStates(2_000_000)).withReductions(Reductions.NONE)
      .withMemory(host());

  private JcstressTests() {
  }

  /**
   * One test and the outcomes the explorer finds reachable in its race (property id or {@link
   * Outcomes#NONE}, with the number of end states of each).
   */
  public record Test(StressTest stress, SortedMap<String, Integer> reachable) {
    public Protocol protocol() {
      return stress.protocol();
    }

    public Race race() {
      return stress.race();
    }

    public Variant variant() {
      return stress.variant();
    }

    public Expectation expected() {
      return stress.expected();
    }

    public String className() {
      return stress.className();
    }

    public Model model() {
      return stress.model();
    }

    /** The outcome ids the explorer finds reachable: {@code ok}, {@code stale-tlb}. */
    public List<String> reachableOutcomes() {
      return reachable.keySet().stream()
          .map(p -> Outcome.of(model(), p.equals(Outcomes.NONE) ? null : p)).distinct().sorted()
          .toList();
    }
  }

  /** Every test of the catalogue, in catalogue order. */
  public static List<Test> all() throws LimitReached {
    return of(Catalogue.all());
  }

  /** Every test of {@code protocols}: the catalogue's, and model files' with a race. */
  public static List<Test> of(List<Protocol> protocols) throws LimitReached {
    List<Test> tests = new ArrayList<>();
    for (StressTest t : StressTest.of(protocols)) {
      tests.add(new Test(t, reachable(t.model())));
    }
    return tests;
  }

  /** The memory model of this machine's CPU, as far as the explorer has one. */
  public static MemoryModel host() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86")
        ? MemoryModel.X86 : MemoryModel.SC;
  }

  /** The outcomes reachable in a race's model, property ids or {@link Outcomes#NONE}. */
  public static SortedMap<String, Integer> reachable(Model race) throws LimitReached {
    return Outcomes.reachable(race, SEARCH);
  }
}
