package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Limit;
import tlbcheck.result.Verdict;

/** Every limit ends a run cleanly with INCOMPLETE and the statistics so far. */
class LimitsTest {
  /** m1 tlbs-dirty-cmpxchg at N=5 A=3: 1,419,895 states, large enough to hit every limit. */
  private static Model large() {
    return Catalogue.protocol("m1").build("tlbs-dirty-cmpxchg", "race",
        Params.DEFAULT.withN(5).withA(3));
  }

  private static SearchConfig limits(Limits limits) {
    return SearchConfig.defaults().withLimits(limits);
  }

  @Test
  void maxStates() {
    CheckResult r = Explorer.check(large(), limits(Limits.defaults().withMaxStates(1000)));
    Verdict.Incomplete i = assertInstanceOf(Verdict.Incomplete.class, r.verdict());
    assertEquals(Limit.states(1000), i.limit());
    assertEquals("--max-states 1000", ResultText.limit(i.limit()));
    assertEquals(1001, r.stats().states());
  }

  @Test
  void maxSeconds() {
    CheckResult r = Explorer.check(large(), limits(Limits.defaults().withMaxSeconds(0.01)));
    Verdict.Incomplete i = assertInstanceOf(Verdict.Incomplete.class, r.verdict());
    assertEquals("--max-seconds 0.01", ResultText.limit(i.limit()));
    assertTrue(r.stats().states() > 0);
  }

  /** The memory bound stops the store before it allocates, never with an OutOfMemoryError. */
  @Test
  void memoryBound() {
    CheckResult r = Explorer.check(large(), limits(Limits.defaults().withMaxBytes(4L << 20)));
    Verdict.Incomplete i = assertInstanceOf(Verdict.Incomplete.class, r.verdict());
    assertEquals(Limit.Kind.MEMORY, i.limit().kind());
    String text = ResultText.limit(i.limit());
    assertTrue(text.startsWith("the memory bound (4 MiB"), text);
    assertTrue(r.stats().storeBytes() <= 4L << 20);
    assertTrue(r.stats().states() > 10_000, "explored " + r.stats().states());
  }

  /** A violation found within the limits is still reported, not INCOMPLETE. */
  @Test
  void violationFoundBeforeTheLimit() {
    Model m = Catalogue.protocol("m1").build("avi-v3", "s1", Params.DEFAULT);
    CheckResult r = Explorer.check(m, limits(Limits.defaults().withMaxStates(10_000)));
    assertEquals("violates P1", r.verdict().label());
  }
}
