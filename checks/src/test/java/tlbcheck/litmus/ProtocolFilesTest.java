package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.model.ModelError;

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
}
