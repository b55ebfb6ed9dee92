package tlbcheck.m2;

import org.junit.jupiter.api.Test;
import tlbcheck.Golden;

/**
 * Each M2 violation's shortest trace (N = 2), pinned in a golden file, and why it breaks its
 * property. Breadth-first search with ties broken by thread index makes each trace the canonical
 * shortest one.
 */
class M2TracesTest {
  /**
   * Why S5 re-scans under tdp_mmu_pages_lock. vCPU 0 takes mmu_lock for read, finds no valid
   * root (all slots FREE), and takes pages_lock to allocate one. vCPU 1, also a reader, scans
   * while vCPU 0 is inside pages_lock and before its allocation, so it too finds nothing. vCPU 0
   * allocates root0 and drops pages_lock; vCPU 1 takes pages_lock and, without looking again,
   * allocates root1: two VALID roots for the same role, which P2a forbids (the kernel would
   * leak one, or run two vCPUs on different page tables for one address space).
   */
  @Test
  void twoVcpusAllocateARootEachWithoutTheRecheck() {
    Golden.assertViolation("m2", "read-lock-no-recheck", "load", "P2a", 13);
  }

  /**
   * Why refcount_inc_not_zero, not refcount_inc: vCPU 0 allocates root0 (ref 2: its own and
   * the TDP MMU's); the memslot thread invalidates it under write_lock and owes it its put. vCPU
   * 0 puts its reference (ref 1), then the memslot thread's dec_and_test drops the last one (ref
   * 0) and, before it frees the slot, waits for tdp_mmu_pages_lock. The notifier, a reader too,
   * sees root0 is not FREE and increments its count from 0 to 1: it resurrects a root whose last
   * put is in progress. The memslot thread frees the slot; the notifier now holds a FREE root
   * (P2b), which in the kernel is a use after free of the root's page.
   */
  @Test
  void theNotifierRevivesADyingRootWithAPlainIncrement() {
    Golden.assertViolation("m2", "read-lock-plain-inc", "notifier", "P2b", 25);
  }
}
