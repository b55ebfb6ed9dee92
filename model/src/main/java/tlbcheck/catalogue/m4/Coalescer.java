package tlbcheck.catalogue.m4;

import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Order;
import tlbcheck.model.ThreadBuilder;

/**
 * The coalescer's steps, from which each {@link M4Variant} writes its sequence: the break of
 * the level-2 entry, the TLBIs (of the whole VMID, by the block's range, by one page's range),
 * the dcache clean, the block's install, and the unmap and free of the old table.
 *
 * <p>Each TLBI is issued as arch/arm64/kvm/hyp/nvhe/tlb.c's __kvm_tlb_flush_vmid issues it:
 * {@code dsb(ishst)} (the break reaches memory before any CPU's TLB is invalidated), the TLBI,
 * {@code dsb(ish)} (it has completed on every CPU before what follows). Its closing {@code
 * isb()} orders the host CPU's own later walks, which no model here makes, and is left out.
 * Under sc the barriers are steps that do nothing; under arm64 they are what orders the
 * sequence.
 */
final class Coalescer {
  private Coalescer() {
  }

  /** kvm_set_invalid_pte(e): the break of break-before-make, a WRITE_ONCE. */
  static void breakEntry(ThreadBuilder t, Stage2 s2) {
    t.step("kvm_set_invalid_pte(e)", Order.ONCE, c -> c.store(s2.e, Stage2.E_INVALID));
  }

  /** TLBI VMALLS12E1IS between its two DSBs: every entry of every CPU, outside the block too. */
  static void tlbiVmall(ThreadBuilder t, Stage2 s2) {
    tlbiVmall(t, s2, true, true);
  }

  /**
   * TLBI VMALLS12E1IS, after {@code dsb(ishst)} if {@code dsbBefore} and followed by {@code
   * dsb(ish)} if {@code dsbAfter}: the variants that drop one.
   */
  static void tlbiVmall(ThreadBuilder t, Stage2 s2, boolean dsbBefore, boolean dsbAfter) {
    if (dsbBefore) {
      t.barrier("dsb(ishst)");
    }
    s2.tlbs.tlbiAll(t, c -> "TLBI VMALLS12E1IS: cpu" + c, null, s2.tlbi);
    if (dsbAfter) {
      t.barrier("dsb(ish)");
    }
  }

  /** A range TLBI of every level sized to the block: its pages, the block and the walk cache. */
  static void tlbiRange(ThreadBuilder t, Stage2 s2) {
    t.barrier("dsb(ishst)");
    s2.tlbs.tlbiRange(t, c -> "TLBI RIPAS2E1IS block: cpu" + c, s2.table.range(),
        Tlb.Scope.ALL_LEVELS, s2.tlbi);
    t.barrier("dsb(ish)");
  }

  /**
   * A range TLBI of every level sized at the page level: page 0's entry, and the walk cache
   * and the block entry, whose ranges contain page 0; page 1's entry survives.
   */
  static void tlbiPage(ThreadBuilder t, Stage2 s2) {
    t.barrier("dsb(ishst)");
    s2.tlbs.tlbiRange(t, c -> "TLBI RIPAS2E1IS page: cpu" + c, AddressRange.page(0),
        Tlb.Scope.ALL_LEVELS, s2.tlbi);
    t.barrier("dsb(ish)");
  }

  /** The block's install: {@code smp_store_release(e, BLOCK)}, or {@code WRITE_ONCE}. */
  static void install(ThreadBuilder t, Stage2 s2, String label) {
    Order order = label.startsWith("smp_store_release") ? Order.RELEASE : Order.ONCE;
    t.step(label, order, c -> c.store(s2.e, Stage2.E_BLOCK));
  }

  /**
   * The dcache clean of the block's pages to the point of coherency, which arm64's
   * dcache_clean_poc (arch/arm64/mm/cache.S, dcache_by_line_op) ends with a {@code dsb sy}:
   * the clean is complete before anything after it.
   */
  static void clean(ThreadBuilder t, Stage2 s2) {
    t.step("clean_dcache_guest_page(block)", c -> c.store(s2.dirty, 0));
    t.barrier("dsb(sy)");
  }

  /**
   * Unmap each page of the old table (pte = INVALID, then put_page: two steps), drop the
   * anchor's reference (unless {@code putAnchor} is false), and free the table page at ref 0.
   */
  static void unmapAndFree(ThreadBuilder t, Stage2 s2, boolean putAnchor) {
    for (int i = 0; i < s2.k; i++) {
      int pte = i;
      t.step("kvm_clear_pte(pte[" + i + "])", Order.ONCE,
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
