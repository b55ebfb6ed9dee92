package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;

/**
 * The same model gives byte-identical output on every run (STYLE.md 4): the verdict, the trace
 * and the counts, for every M1 variant, from models built afresh each time.
 */
@Tag("slow")
class DeterminismTest {
  @Test
  void everyM1VariantRendersTheSameTwice() {
    Protocol m1 = Catalogue.protocol("m1");
    for (Variant v : m1.variants()) {
      for (String s : m1.scenarios()) {
        assertEquals(render(m1, v.id(), s), render(m1, v.id(), s), v.id() + " " + s);
      }
    }
  }

  /** The memory bound changes nothing but where a run may stop. */
  @Test
  void aTightButSufficientMemoryBoundGivesTheSameOutput() {
    Model m = Catalogue.protocol("m1").build("avi-v3", "race", Params.DEFAULT.withN(3));
    CheckResult roomy = Explorer.check(m);
    CheckResult tight = Explorer.check(m,
        SearchConfig.defaults().withLimits(Limits.defaults().withMaxBytes(2L << 20)));
    assertEquals(ResultText.render(roomy), ResultText.render(tight));
  }

  /**
   * Workers change nothing but the time: for every model of the catalogue at the parameters
   * verify checks, two and three workers give the same verdict, trace, counts and metrics as
   * one, byte for byte. Slices of 16 states put even small levels on the parallel path, where
   * groups with a failed step or a deadlock are expanded again on the search thread and a
   * violation found mid-level stops the workers' results from being used.
   */
  @Test
  void anyNumberOfWorkersGivesTheSameOutputAsOne() {
    int parallelChecks = 0;
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          for (Params params : p.verifiedParams(s)) {
            Model m = p.build(v.id(), s, params);
            String one = ResultText.render(Explorer.check(m));
            for (int workers : new int[] {2, 3}) {
              CheckResult r = Explorer.check(m,
                  SearchConfig.defaults().withWorkers(workers).withSlice(16));
              assertEquals(one, ResultText.render(r), m.name() + " with " + workers + " workers");
              parallelChecks++;
            }
          }
        }
      }
    }
    assertTrue(parallelChecks >= 2 * Catalogue.all().size(), "every model, twice: "
        + parallelChecks);
  }

  private static String render(Protocol p, String variant, String scenario) {
    Model m = p.build(variant, scenario, Params.DEFAULT.withN(3));
    return ResultText.render(Explorer.check(m));
  }
}
