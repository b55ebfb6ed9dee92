package tlbcheck.m4;

import org.junit.jupiter.api.Test;
import tlbcheck.Golden;

/**
 * Each M4 and M4-unmap violation's shortest trace (N = 2, K = 2, A = 2), pinned in a golden
 * file, and why it breaks its property.
 */
class M4TracesTest {
  /**
   * Alexandru Elisei's review of S3: with the block installed first, the old table's pages are
   * unmapped afterwards, each put_page dropping one reference, but the reference the table
   * entry held (the anchor's) is never dropped. The free at ref 0 finds ref = 1 and does
   * nothing; when every thread has finished, the table page is neither freed nor referenced by
   * anything: a leak (P4c). The vCPUs' accesses only bring the execution to its end.
   */
  @Test
  void theTablePageLeaksWithoutTheAnchorsPut() {
    Golden.assertViolation("m4", "rfc-missing-put", "coalesce", "P4c", 17);
  }

  /**
   * The cache maintenance S3 must keep: the block is installed right after the break and the
   * TLBI, with no clean of the data cache for the block. vCPU 0's first access walks to the
   * block and reads page 0, whose data the host wrote and never cleaned to memory: the guest
   * (running with its stage-1 MMU off, or non-cacheable) reads stale memory (P4d).
   */
  @Test
  void theBlockIsReadBeforeTheCacheIsCleaned() {
    Golden.assertViolation("m4", "rfc-no-cmo", "coalesce", "P4d", 7);
  }

  /**
   * The range TLBI must cover the block, not one page. vCPU 0 caches page 1 before the break;
   * the TLBI, sized at the page level, drops page 0 and the walk cache on each CPU but not vCPU
   * 0's entry for page 1. After the table is freed and the block installed, vCPU 0 misses on
   * page 0, walks to the block and caches it next to the stale page-1 entry: two translations
   * of one address of different sizes, a TLB conflict the architecture forbids (P4a).
   */
  @Test
  void aPageLevelRangeLeavesAConflictingEntry() {
    Golden.assertViolation("m4", "range-too-small", "coalesce", "P4a", 16);
  }

  /**
   * Found by tlbcheck; the catalogue says only "violation". Without break-before-make the
   * first property to fall is P4d, in two steps: the block replaces the table with no TLBI and
   * no cache clean, and vCPU 0's first access goes through it to a dirty page. Longer
   * executions also break P4a and P4b (a walk through the stale walk cache into the freed
   * table); the shortest is the one reported.
   */
  @Test
  void withoutBreakBeforeMakeTheFirstAccessReadsADirtyPage() {
    Golden.assertViolation("m4", "no-bbm", "coalesce", "P4d", 2);
  }

  /**
   * S4 patch 12 is safe only while the pages are freed after the deferred TLBI: here the host
   * frees frame 0 inside the walk, right after its pte is cleared, while vCPU 0's TLB still maps
   * it; the one range TLBI at the end of the walk comes too late (P1, as in M1).
   */
  @Test
  void aPageFreedBeforeTheDeferredTlbiIsStillMapped() {
    Golden.assertViolation("m4-unmap", "deferred-free-early", "unmap", "P1", 4);
  }
}
