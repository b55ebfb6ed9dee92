package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.RwLock;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.result.CheckResult;
import tlbcheck.result.TraceStep;
import tlbcheck.result.Verdict;

/**
 * The queued rwlock on its own, with exact reachable outcomes (PROTOCOLS.md M2 "mmu_lock"):
 * mutual exclusion, the fairness S5 describes (a waiting writer blocks new readers), and proof
 * that the blocked configuration is reached, not merely never violated.
 */
class RwLockTest {
  /**
   * Reader R1 (read_lock, in, out, read_unlock), writer W (write_lock, in, out, write_unlock),
   * and reader R2, which first asks for the lock, noting whether W is queued at that moment
   * (r2_wants = 2 if so, 1 if not), then takes it. The note is test instrumentation, not a
   * protocol step: declared a hardware step so that it reads the lock and writes r2_wants at
   * once. {@code property} picks the property under test.
   */
  private static Model readersAndWriter(String property) {
    ModelBuilder m = Model.builder("test", "rwlock", property);
    RwLock lock = RwLock.declare(m, "mmu_lock", 2, 1);
    Var r1In = m.var("r1_in", Domain.bool(), 0);
    Var wIn = m.var("w_in", Domain.bool(), 0);
    Var r2In = m.var("r2_in", Domain.bool(), 0);
    Var r2Wants = m.var("r2_wants", Domain.range(2), 0);
    ThreadBuilder r1 = m.thread("R1");
    r1.then(lock.readLock()).step("r1_in = 1", c -> c.store(r1In, 1))
        .step("r1_in = 0", c -> c.store(r1In, 0)).then(lock.readUnlock());
    ThreadBuilder w = m.thread("W");
    w.then(lock.writeLock()).step("w_in = 1", c -> c.store(wIn, 1))
        .step("w_in = 0", c -> c.store(wIn, 0)).then(lock.writeUnlock());
    ThreadBuilder r2 = m.thread("R2");
    r2.hardware("r2 asks", c -> c.store(r2Wants, lock.waiting(c) > 0 ? 2 : 1))
        .then(lock.readLock()).step("r2_in = 1", c -> c.store(r2In, 1))
        .step("r2_in = 0", c -> c.store(r2In, 0)).then(lock.readUnlock());
    switch (property) {
      case "mutex" -> m.invariant("MUTEX", "a writer excludes readers", r ->
          r.load(wIn) == 1 && (r.load(r1In) == 1 || r.load(r2In) == 1) ? "writer and reader"
              : null);
      case "fair" -> m.invariant("FAIR", "a reader that asked while a writer was queued does "
          + "not get in while it waits", r -> r.load(r2Wants) == 2 && r.load(r2In) == 1
              && lock.waiting(r) > 0 ? "R2 reads while W waits" : null);
      default -> m.invariant("NOT-BLOCKED", "R2 is never held up by a queued writer", r ->
          r.load(r2Wants) == 2 && r.load(r2In) == 0 && lock.readers(r) == 1
              && lock.waiting(r) == 1 ? "R2 waits behind W, which waits behind R1" : null);
    }
    return m.build();
  }

  @Test
  void aWriterExcludesReadersAndNothingDeadlocks() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(readersAndWriter("mutex")).verdict());
  }

  @Test
  void aWaitingWriterBlocksANewReader() {
    assertInstanceOf(Verdict.Safe.class, Explorer.check(readersAndWriter("fair")).verdict());
  }

  /**
   * The configuration the fairness rule is about is reached: R1 reads, W has queued behind it,
   * and R2 has asked for the lock but may not take it. The shortest way there is R1 locking, W
   * queueing, then R2 asking.
   */
  @Test
  void theBlockedConfigurationIsReached() {
    CheckResult r = Explorer.check(readersAndWriter("blocked"));
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, r.verdict());
    assertEquals(List.of("R1 read_lock(mmu_lock)", "W write_lock(mmu_lock): queue",
        "R2 r2 asks"), v.trace().steps().stream()
        .map((TraceStep s) -> v.trace().threads().get(s.thread()) + " " + s.label()).toList());
  }

  /**
   * Two readers alone never wait for each other: each is at pc 0, 1 or 2, the lock's value
   * follows from the pcs, so there are 3 x 3 = 9 states, and each thread's two steps are
   * enabled in every state before it finishes: 2 threads x 2 steps x 3 pcs of the other = 12.
   */
  @Test
  void readersShareTheLock() {
    ModelBuilder m = Model.builder("test", "rwlock", "readers");
    RwLock lock = RwLock.declare(m, "mmu_lock", 2, 1);
    m.thread("R1").then(lock.readLock()).then(lock.readUnlock());
    m.thread("R2").then(lock.readLock()).then(lock.readUnlock());
    m.invariant("TWO", "at most two readers", r -> lock.readers(r) <= 2 ? null : "three");
    CheckResult r = Explorer.check(m.build());
    assertInstanceOf(Verdict.Safe.class, r.verdict());
    assertEquals(9, r.stats().states());
    assertEquals(12, r.stats().transitions());
  }
}
