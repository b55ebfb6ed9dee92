package tlbcheck.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tlbcheck.Golden;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Params;
import tlbcheck.report.ResultText;
import tlbcheck.result.Verdict;

/**
 * Each catalogue verdict under arm64 that differs from sc's (issue 18, part 4), its shortest
 * trace pinned in golden/arm64/, and the rule of the architecture that allows it. Every one is
 * safe under sc, where a barrier does nothing. The rules: a store waits in its CPU and reaches
 * memory in any order unless a barrier orders it (herd/libdir/aarch64.cat, bob: [dmb.st],
 * [L]); a TLBI is ordered after earlier stores only by a DSB, and complete on every CPU only
 * once a later DSB is (Arm ARM D8.13.5); a walk reads the translation tables as memory reads of
 * its own, which may return any write not overwritten before the last completed TLBI of the
 * entry it fills (Simner et al., ESOP 2022, section 5). The litmus tests of the same shapes are
 * the vmsa tests (VmsaConformanceTest) and MP+po+rmb (ArmTracesTest). Tagged slow: the m4
 * searches take about 40 s together.
 */
@Tag("slow")
class Arm64TracesTest {
  private static final SearchConfig ARM64 =
      SearchConfig.defaults().withMemory(MemoryModel.ARM64);

  private static void assertTrace(String model, String variant, String scenario,
      String property) {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        Catalogue.protocol(model).build(variant, scenario, Params.DEFAULT), ARM64).verdict());
    assertEquals(property, v.property());
    assertEquals("violates " + property, Catalogue.protocol(model).expected(variant, scenario,
        "arm64").label());
    Golden.assertMatches("arm64/" + model + "-" + variant + "-" + scenario + ".txt",
        ResultText.counterexample(v));
  }

  /**
   * PROTOCOLS.md's prediction, confirmed: without invlpg's smp_wmb() the two plain stores
   * under mmu_lock reach memory in either order. remote_tlbs_dirty = true reaches memory while
   * the zap still waits in invlpg's CPU; sync clears the flag (its store, issued first, waits
   * in its CPU: the partial-order reduction takes a store as soon as its thread reaches it, and
   * it reaches memory only here) and flushes every vCPU (each flush waits for sync's own
   * stores, not invlpg's); the zap reaches memory only after. The notifier finds the spte
   * already zapped and the flag clear, and frees the frame; guest 1's walk, bounded only by the
   * flush that came before the zap, still reads the present spte and caches the freed frame
   * (P1).
   */
  @Test
  void theFlagReachesMemoryBeforeTheZap() {
    assertTrace("m1", "andrea-v4-no-wmb", "s1", "P1");
  }

  /**
   * a4ee1ca4a36e's smp_wmb() ("Update spte before increasing tlbs_dirty"), removed: the
   * count reaches memory before the zap, so a flush that snapshots the count and clears it
   * can complete before the zap, and a walk after it reads the present spte (P1), as in
   * andrea-v4-no-wmb.
   */
  @Test
  void theCountReachesMemoryBeforeTheZap() {
    assertTrace("m1", "tlbs-dirty-no-wmb", "s1", "P1");
  }

  /**
   * Without dsb(ishst) the TLBI is not ordered after the break: TLBI VMALLS12E1IS completes on
   * vCPU 0 while e = INVALID still waits in the coalescer's CPU. The TLBI bounds vCPU 0's later
   * walks only by what memory held when it completed, the old table entry; vCPU 0's walk reads
   * e = TABLE(pt), caches pt in its walk cache and walks it after the coalescer freed it (P4b).
   */
  @Test
  void aTlbiBeforeTheBreakReachesMemoryLeavesTheTableWalkable() {
    assertTrace("m4", "bbm-no-dsb-before-tlbi", "coalesce", "P4b");
  }

  /**
   * Without dsb(ish) after it, the TLBI need not have completed when the coalescer unmaps and
   * frees the table: the break is in memory, but vCPU 0's walk, which no completed TLBI bounds
   * yet, may still read the old entry (as its walk cache could hold it), and walks the freed
   * table (P4b). PROTOCOLS.md predicted P4a; the shortest violation is P4b.
   */
  @Test
  void aTlbiNotCompletedLeavesTheTableWalkable() {
    assertTrace("m4", "bbm-no-dsb-after-tlbi", "coalesce", "P4b");
  }

  /**
   * S4 patch 12 without the dsb(ish) after the deferred range TLBI: the host frees frame 0
   * while the TLBI has not completed on vCPU 0, whose walk still reads the old valid pte and
   * caches the freed frame (P1).
   */
  @Test
  void aPageFreedBeforeTheRangeTlbiCompletesIsStillMapped() {
    assertTrace("m4-unmap", "deferred-range-no-dsb", "unmap", "P1");
  }
}
