package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.Rcu;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Reg;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * RCU on its own (PROTOCOLS.md M3): a call_rcu callback cannot run while a reader that was
 * inside its critical section at call time is still inside it, and does run once it has left; a
 * reader that entered afterwards does not hold it up. Each configuration is shown reached.
 */
class RcuTest {
  /**
   * Reader 0: rcu_read_lock; p = ptr; if p, use obj (step assertion USE: obj not freed);
   * rcu_read_unlock. Updater: ptr = NULL; call_rcu(free obj). rcu: the grace period of callback
   * 0 ends; its body, obj = FREED. {@code property} adds the property under test.
   */
  private static Model publishAndFree(String property) {
    ModelBuilder m = Model.builder("test", "rcu", property);
    Rcu rcu = Rcu.declare(m, "rcu", 1, 1);
    Var ptr = m.var("ptr", Domain.of("NULL", "obj"), 1);
    Var obj = m.var("obj", Domain.of("LIVE", "FREED"), 0);
    StepAssertion use = m.stepAssertion("USE", "a reader never uses a freed object");
    ThreadBuilder reader = m.thread("reader");
    Reg p = reader.reg("p", Domain.bool(), 0);
    reader.step("rcu_read_lock()", c -> rcu.readLock(c, 0))
        .step("p = ptr", c -> c.set(p, c.load(ptr)))
        .step("if (p) use(obj)", c -> {
          if (c.get(p) == 1 && c.load(obj) == 1) {
            c.fail(use, "the reader uses obj after it was freed");
          }
        })
        .step("rcu_read_unlock()", c -> rcu.readUnlock(c, 0));
    m.thread("updater").step("ptr = NULL", c -> c.store(ptr, 0))
        .step("call_rcu(free obj)", c -> rcu.call(c, 0));
    m.thread("rcu").then(rcu.gracePeriod(0)).step("obj = FREED", c -> c.store(obj, 1));
    switch (property) {
      case "waits" -> m.invariant("NOT-WAITING", "the callback never waits for the reader", r ->
          rcu.queued(r, 0) && rcu.inside(r, 0) ? "callback 0 waits for the reader" : null);
      case "late-reader" -> m.invariant("NOT-LATE", "the callback never runs while the reader "
          + "is inside", r -> rcu.started(r, 0) && rcu.inside(r, 0)
              ? "callback 0 has run and the reader is inside" : null);
      case "runs" -> m.finalProperty("RUNS", "the callback has run at the end", r ->
          r.load(obj) == 1 ? null : "obj was never freed");
      default -> { }
    }
    return m.build();
  }

  @Test
  void aReaderInsideAtCallTimeNeverSeesTheObjectFreed() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(publishAndFree("use")).verdict());
  }

  @Test
  void theCallbackRunsInEveryExecution() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(publishAndFree("runs")).verdict());
  }

  /** The callback is held up: the reader took rcu_read_lock before call_rcu. */
  @Test
  void theCallbackWaitsForAReaderThatWasInside() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        Explorer.check(publishAndFree("waits")).verdict());
    assertEquals(List.of("reader rcu_read_lock()", "updater ptr = NULL",
        "updater call_rcu(free obj)"), labels(v));
  }

  /**
   * A reader that enters after call_rcu does not hold the callback up: the grace period ends
   * while it is inside (it can only see ptr = NULL, so that is safe).
   */
  @Test
  void aLaterReaderDoesNotHoldTheCallbackUp() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        Explorer.check(publishAndFree("late-reader")).verdict());
    assertEquals(List.of("updater ptr = NULL", "updater call_rcu(free obj)",
        "reader rcu_read_lock()", "rcu grace period of callback 0 ends"), labels(v));
  }

  private static List<String> labels(Verdict.Violated v) {
    return v.trace().steps().stream()
        .map((TraceStep s) -> v.trace().threads().get(s.thread()) + " " + s.label()).toList();
  }
}
