package tlbcheck.m3;

import org.junit.jupiter.api.Test;
import tlbcheck.Golden;

/**
 * Each M3 violation's shortest trace (N = 2, K = 2, P = 1), pinned in a golden file, and why it
 * breaks P3.
 */
class M3TracesTest {
  /**
   * Sean's point on S2: the flush must come before rcu_read_unlock(). vCPU 0 walks pt0 and its
   * paging-structure cache keeps the pointer. The zapper clears pde[0], marks pt0's entries
   * REMOVED_SPTE, queues the free with call_rcu and leaves its read-side critical section; no
   * other reader is inside, so the grace period ends at once and the callback frees pt0, and
   * the flush that was to drop vCPU 0's cached pointer has not run yet. vCPU 0's walk cache now
   * names a freed page table: its next walk reads freed memory (P3). RCU protects software
   * walkers; the hardware walker is not an RCU reader, only a TLB flush reaches it.
   */
  @Test
  void theGracePeriodEndsBeforeTheFlush() {
    Golden.assertViolation("m3", "unlock-before-flush", "zap", "P3", 9);
  }

  /** The same interleaving with no flush at all: nothing ever drops vCPU 0's walk cache. */
  @Test
  void withoutAFlushTheWalkCacheOutlivesTheTable() {
    Golden.assertViolation("m3", "no-flush", "zap", "P3", 9);
  }
}
