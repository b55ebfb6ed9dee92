package tlbcheck.catalogue.m4;

import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.ThreadBuilder;

/**
 * The coalescer's steps, from which each {@link M4Variant} writes its sequence: the break of
 * the level-2 entry, the TLBIs (of the whole VMID, by the block's range, by one page's range),
 * the dcache clean, the block's install, and the unmap and free of the old table.
 */
final class Coalescer {
  private Coalescer() {
  }

  /** kvm_set_invalid_pte(e): the break of break-before-make. */
  static void breakEntry(ThreadBuilder t, Stage2 s2) {
    t.step("kvm_set_invalid_pte(e)", c -> c.store(s2.e, Stage2.E_INVALID));
  }

  /** TLBI VMALLS12E1IS: every entry of every CPU, entries outside the block too. */
  static void tlbiVmall(ThreadBuilder t, Stage2 s2) {
    s2.tlbs.tlbiAll(t, c -> "TLBI VMALLS12E1IS: cpu" + c, null, s2.tlbi);
  }

  /** A range TLBI of every level sized to the block: its pages, the block and the walk cache. */
  static void tlbiRange(ThreadBuilder t, Stage2 s2) {
    s2.tlbs.tlbiRange(t, c -> "TLBI RIPAS2E1IS block: cpu" + c, s2.table.range(),
        Tlb.Scope.ALL_LEVELS, s2.tlbi);
  }

  /**
   * A range TLBI of every level sized at the page level: page 0's entry, and the walk cache
   * and the block entry, whose ranges contain page 0; page 1's entry survives.
   */
  static void tlbiPage(ThreadBuilder t, Stage2 s2) {
    s2.tlbs.tlbiRange(t, c -> "TLBI RIPAS2E1IS page: cpu" + c, AddressRange.page(0),
        Tlb.Scope.ALL_LEVELS, s2.tlbi);
  }

  static void install(ThreadBuilder t, Stage2 s2, String label) {
    t.step(label, c -> c.store(s2.e, Stage2.E_BLOCK));
  }

  static void clean(ThreadBuilder t, Stage2 s2) {
    t.step("clean_dcache_guest_page(block)", c -> c.store(s2.dirty, 0));
  }

  /**
   * Unmap each page of the old table (pte = INVALID, then put_page: two steps), drop the
   * anchor's reference (unless {@code putAnchor} is false), and free the table page at ref 0.
   */
  static void unmapAndFree(ThreadBuilder t, Stage2 s2, boolean putAnchor) {
    for (int i = 0; i < s2.k; i++) {
      int pte = i;
      t.step("kvm_clear_pte(pte[" + i + "])",
          c -> s2.pt.setEntry(c, pte, Stage2.PTE_INVALID));
      t.refcount("put_page(pt)", c -> s2.pt.put(c));
    }
    if (putAnchor) {
      t.refcount("put_page(anchor)", c -> s2.pt.put(c));
    }
    t.step("if (!page_count(pt)) free_page(pt)", c -> {
      if (s2.pt.ref(c) == 0) {
        s2.pt.free(c);
      }
    });
  }
}
