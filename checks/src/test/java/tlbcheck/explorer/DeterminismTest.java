package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tlbcheck.model.Catalogue;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.CheckResult;
import tlbcheck.report.ResultText;

/**
 * The same model gives byte-identical output on every run (STYLE.md 4): the verdict, the trace
 * and the counts, for every M1 variant, from models built afresh each time.
 */
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
    CheckResult tight = new Explorer(m, Limits.defaults().withMaxBytes(2L << 20), Progress.NONE)
        .run();
    assertEquals(ResultText.render(roomy), ResultText.render(tight));
  }

  private static String render(Protocol p, String variant, String scenario) {
    Model m = p.build(variant, scenario, Params.DEFAULT.withN(3));
    return ResultText.render(Explorer.check(m));
  }
}
