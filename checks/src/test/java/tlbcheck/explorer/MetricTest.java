package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tlbcheck.model.ModelError;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.MetricValue;

/** Metrics are exact maxima over all executions, computed over the whole state graph. */
class MetricTest {
  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2, 3, 4})
  void staleWritesPeakAtThreadsMinusOne(int threads) {
    CheckResult r = Explorer.check(TestModels.staleIncrements(threads, false));
    assertEquals(List.of(new MetricValue("stale", "writes that overwrite a newer value",
        threads - 1)), r.metrics());
  }

  /**
   * A violation does not cut the metric short: the search goes on over the whole graph, and
   * the trace it reports is the one a search without metrics reports (the lost update).
   */
  @Test
  void metricsCoverTheWholeGraphOfAViolatingModel() {
    CheckResult r = Explorer.check(TestModels.staleIncrements(3, true));
    assertEquals("violates ALL", r.verdict().label());
    assertEquals(2, r.metrics().get(0).value());
    CheckResult complete = Explorer.check(TestModels.staleIncrements(3, false));
    assertEquals(complete.stats().states(), r.stats().states());
    String trace = ResultText.counterexample(r.verdict());
    assertTrue(trace.contains("VIOLATED ALL: x = 2"), trace);
    assertEquals(6, ((tlbcheck.result.Verdict.Violated) r.verdict()).trace().steps().size());
  }

  /** Exploring past the first violation does not change which violation is reported. */
  @ParameterizedTest(name = "with a metric: {0}")
  @ValueSource(booleans = {false, true})
  void theEarlierTransitionsViolationIsReported(boolean withMetric) {
    CheckResult r = Explorer.check(TestModels.twoViolationsAtDepthOne(withMetric));
    assertEquals("violates SA", r.verdict().label());
    assertEquals(withMetric ? 1 : 0, r.metrics().size());
  }

  @Test
  void aBackwardJumpIsRefusedWhenTheModelHasMetrics() {
    ModelError e = assertThrows(ModelError.class,
        () -> Explorer.check(TestModels.spinWithMetric()));
    assertEquals("model test/spin/race: step 'while (!x)' of thread waiter jumps back (pc 0 to "
        + "0), so the state graph may have a cycle, which the model's metrics [spins] would "
        + "have to unroll; metrics need programs without backward jumps (DESIGN.md \"The "
        + "explorer\")", e.getMessage());
  }

  @Test
  void checkPrintsEveryMetric() {
    CheckResult r = Explorer.check(TestModels.staleIncrements(2, false));
    assertTrue(ResultText.render(r).contains(
        "metric stale = 1  (writes that overwrite a newer value)\n"), ResultText.render(r));
  }

  @ParameterizedTest(name = "with the lock: {0}")
  @ValueSource(booleans = {true, false})
  void waitCountsOtherThreadsStepsWhileBlockedAndPeakCountsSpansEntered(boolean withLock) {
    CheckResult r = Explorer.check(TestModels.lockWait(withLock));
    assertEquals(List.of(
        new MetricValue("wait", "steps the waiter waits for L", withLock ? 3 : 0),
        new MetricValue("inside", "threads inside their spans at once", withLock ? 1 : 2)),
        r.metrics());
  }

  @Test
  void stepsWhileCountsEveryThreadsStepsInsideTheWindow() {
    CheckResult r = Explorer.check(TestModels.window());
    assertEquals(3, r.metrics().get(0).value());
  }
}
