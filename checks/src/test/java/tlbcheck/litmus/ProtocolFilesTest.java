package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.model.ModelError;
import tlbcheck.result.CheckResult;
import tlbcheck.result.MetricValue;
import tlbcheck.result.Verdict;

/**
 * The kernel's own primitives in model files, by their kernel names: RCU's read side and
 * synchronize_rcu, a queued rwlock, refcount_t. Each test is a protocol the primitive makes safe,
 * checked safe, and the same protocol without it, caught; under sc and x86.
 */
class ProtocolFilesTest {
  private static String observe(String text, MemoryModel memory) throws Exception {
    return Litmus.run(ModelFile.parse("t.litmus", text),
        SearchConfig.defaults().withMemory(memory)).verdict();
  }

  private static void assertVerdict(String expected, String text) throws Exception {
    for (MemoryModel memory : MemoryModel.values()) {
      assertEquals(expected, observe(text, memory), memory.id());
    }
  }

  private static final String RCU = """
      C rcu-free
      { table=1; }
      P0(int *table, int *freed)
      {
        int r0;
        int r1;
        rcu_read_lock();
        r0 = READ_ONCE(*table);
        if (r0)
          r1 = READ_ONCE(*freed);
        rcu_read_unlock();
      }
      P1(int *table, int *freed)
      {
        WRITE_ONCE(*table, 0);
        SYNC
        WRITE_ONCE(*freed, 1);
      }
      exists (0:r0=1 /\\ 0:r1=1)
      """;

  /**
   * A reader that found the table published reads it freed only if the free came before its
   * rcu_read_unlock: synchronize_rcu() waits for every reader inside when it starts, so never;
   * without it, sometimes.
   */
  @Test
  void synchronizeRcuWaitsForTheReader() throws Exception {
    assertVerdict("Never", RCU.replace("SYNC", "synchronize_rcu();"));
    assertVerdict("Sometimes", RCU.replace("SYNC", ""));
  }

  /** The reader of {@link #RCU}, the updater freeing the table through a callback thread. */
  private static final String CALL_RCU = RCU.substring(0, RCU.indexOf("P1(")) + """
      P1(int *table)
      {
        WRITE_ONCE(*table, 0);
        FREE
      }
      free_table(int *freed)
      {
        WRITE_ONCE(*freed, 1);
      }
      exists (0:r0=1 /\\ 0:r1=1)
      """;

  /**
   * call_rcu(free_table) queues the thread free_table, which runs once every reader inside at
   * the call has left: a reader that found the table published never reads it freed. Without
   * RCU, the free can run while the reader is inside; then sometimes.
   */
  @Test
  void callRcuRunsTheCallbackAfterTheGracePeriod() throws Exception {
    assertVerdict("Never", CALL_RCU.replace("FREE", "call_rcu(free_table);"));
    assertVerdict("Sometimes", CALL_RCU.replace("FREE", ""));
  }

  private static final String RWLOCK = """
      C rwlock
      {}
      P0(rwlock_t *l, int *x)
      {
        write_lock(l);
        WRITE_ONCE(*x, 1);
        WRITE_ONCE(*x, 2);
        write_unlock(l);
      }
      P1(rwlock_t *l, int *x)
      {
        int r0;
        LOCK
        r0 = READ_ONCE(*x);
        UNLOCK
      }
      exists (1:r0=1)
      """;

  /** A reader under read_lock never sees the writer's intermediate value; without it, it may. */
  @Test
  void aReaderUnderReadLockSeesNoHalfDoneWrite() throws Exception {
    assertVerdict("Never", RWLOCK.replace("UNLOCK", "read_unlock(l);")
        .replace("LOCK", "read_lock(l);"));
    assertVerdict("Sometimes", RWLOCK.replace("UNLOCK", "").replace("LOCK", ""));
  }

  private static final String REFCOUNT = """
      C refcount
      { ref=1; }
      P0(refcount_t *ref, int *freed)
      {
        int r0;
        int r2;
        r0 = GET;
        if (r0)
          r2 = READ_ONCE(*freed);
      }
      P1(refcount_t *ref, int *freed)
      {
        int r1;
        r1 = refcount_dec_and_test(ref);
        if (r1)
          WRITE_ONCE(*freed, 1);
      }
      exists (0:r0=1 /\\ 0:r2=1)
      """;

  /**
   * refcount_inc_not_zero never takes a reference on an object whose last put has freed it; a
   * plain read of the count, which sees it nonzero before the put, can.
   */
  @Test
  void refcountIncNotZeroDoesNotReviveAFreedObject() throws Exception {
    assertVerdict("Never", REFCOUNT.replace("GET", "refcount_inc_not_zero(ref)"));
    assertVerdict("Sometimes", REFCOUNT.replace("GET", "refcount_read(ref)"));
  }

  /** An rwlock taken as a spinlock, or an int as a lock, is refused at its place. */
  @Test
  void aLockOfTheWrongKindIsRefused() {
    ModelError e = assertThrows(ModelError.class, () -> ModelFile.parse("t.litmus",
        RWLOCK.replace("UNLOCK", "").replace("LOCK", "spin_lock(l);")));
    assertTrue(e.getMessage().startsWith("t.litmus:13:13: 'l' is not a spinlock_t"),
        e.getMessage());
  }

  private static final String COUNTED = """
      C counted
      { bool dirty = false; }
      P0(bool *dirty)
      {
        *dirty = true;
      }
      P1(bool *dirty)
      {
        int r0;
        r0 = *dirty && count(flushes);
        r0 = *dirty && count(flushes);
      }
      metric flushes "flushes made because P1 found the flag set"
      final F "P0 set the flag" (dirty=true)
      """;

  /**
   * A metric counts in the step that evaluates count(): P1 counts each time it finds the flag
   * set, so at most twice (P0 first), and the maximum over every execution is 2.
   */
  @Test
  void aMetricCountsWhereCountIsEvaluated() {
    CheckResult r = Explorer.check(ModelFile.parse("t.litmus", COUNTED).model());
    assertInstanceOf(Verdict.Safe.class, r.verdict());
    assertEquals(List.of(new MetricValue("flushes", "flushes made because P1 found the flag "
        + "set", 2)), r.metrics());
  }
}
