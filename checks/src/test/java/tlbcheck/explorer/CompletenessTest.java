package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tlbcheck.result.CheckResult;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The explorer finds every reachable state, not only bugs (STYLE.md 8): exact counts on models
 * whose state spaces are counted by hand in {@link TestModels}, and the weak outcome of the lost
 * update IS reached.
 */
class CompletenessTest {
  @Test
  void lostUpdateHasThirteenStatesAndFourteenTransitions() {
    CheckResult r = Explorer.check(TestModels.lostUpdate(false));
    assertInstanceOf(Verdict.Safe.class, r.verdict());
    assertEquals(13, r.stats().states());
    assertEquals(14, r.stats().transitions());
    assertEquals(4, r.stats().depth());
  }

  /** x = 1 at the end is reachable, and the shortest way there is A read, B read, A, B write. */
  @Test
  void lostUpdateReachesTheLostIncrement() {
    CheckResult r = Explorer.check(TestModels.lostUpdate(true));
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, r.verdict());
    assertEquals("TWO", v.property());
    assertEquals("x = 1: an increment was lost", v.explanation());
    List<TraceStep> steps = v.trace().steps();
    assertEquals(List.of("A r = x", "B r = x", "A x = r + 1", "B x = r + 1"),
        steps.stream().map(s -> v.trace().threads().get(s.thread()) + " " + s.label()).toList());
  }

  @ParameterizedTest(name = "{0} threads x {1} steps")
  @CsvSource({"1, 1", "2, 3", "3, 2", "4, 4", "5, 3"})
  void independentThreadsReachEveryCombination(int threads, int steps) {
    CheckResult r = Explorer.check(TestModels.independent(threads, steps));
    long states = (long) Math.pow(steps + 1, threads);
    assertEquals(states, r.stats().states());
    assertEquals(threads * steps * (long) Math.pow(steps + 1, threads - 1),
        r.stats().transitions());
    assertEquals(threads * steps, r.stats().depth());
  }

  /** ABBA is found as a deadlock after the two first lock steps, the shortest way into it. */
  @Test
  void abbaDeadlocks() {
    CheckResult r = Explorer.check(TestModels.abba());
    Verdict.Deadlock d = assertInstanceOf(Verdict.Deadlock.class, r.verdict());
    assertEquals(List.of("spin_lock(a)", "spin_lock(b)"),
        d.trace().steps().stream().map(TraceStep::label).toList());
    assertEquals("no thread can take a step: T0 blocked at 'spin_lock(b)'; "
        + "T1 blocked at 'spin_lock(a)'", d.explanation());
  }

  /** Every alternative of a choice is a transition of its own, and a trace names the one taken. */
  @Test
  void everyAlternativeOfAChoiceIsExplored() {
    CheckResult r = Explorer.check(TestModels.choice(true));
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, r.verdict());
    assertEquals("NOT3", v.property());
    assertEquals(List.of("x = 3", "y = 1"),
        v.trace().steps().stream().map(TraceStep::label).toList());
    CheckResult all = Explorer.check(TestModels.choice(false));
    assertInstanceOf(Verdict.Safe.class, all.verdict());
    assertEquals(8, all.stats().states());
    assertEquals(10, all.stats().transitions());
  }
}
