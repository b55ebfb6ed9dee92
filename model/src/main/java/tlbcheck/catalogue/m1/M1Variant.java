package tlbcheck.catalogue.m1;

import java.util.List;
import tlbcheck.model.Domain;
import tlbcheck.model.Expectation;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Order;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * A variant of M1 as its patch: what invlpg does once it found the spte present (under
 * mmu_lock), how kvm_flush_remote_tlbs() clears the pending mark and flushes, and its expected
 * verdicts. Each record is one variant's whole change (STYLE.md 13); a new variant that forgets
 * a hook does not compile.
 */
sealed interface M1Variant {
  /** Every variant, in catalogue order. */
  List<M1Variant> ALL = List.of(new Eager(), new AviV3(), AndreaV4.WITH_WMB,
      AndreaV4.WITHOUT_WMB, new FlushThenClear(), TlbsDirty.CMPXCHG, TlbsDirty.NO_WMB,
      TlbsDirty.NO_MB, new UnderMmuLock());

  /** The variant's id, summary and expected verdicts. */
  Variant variant();

  /** FNAME(invlpg)'s body once page {@code page}'s spte is present, with mmu_lock held. */
  void invlpg(DirtyFlagModel m, ThreadBuilder t, int page);

  /** kvm_flush_remote_tlbs() as the variant writes it, on thread {@code t}. */
  void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t);

  /**
   * The pending-flush mark: a flag, or a counter in {@link TlbsDirty}, which invlpg
   * increments once per page of its {@code pages}.
   */
  default Var declareDirty(ModelBuilder m, int pages) {
    return m.var("remote_tlbs_dirty", Domain.bool(), 0);
  }

  /** Whether the notifier reads the mark before it drops mmu_lock ({@link UnderMmuLock}). */
  default boolean notifierReadsUnderLock() {
    return false;
  }

  /** Pre-S1 FNAME(invlpg): zap, then kvm_flush_remote_tlbs() before dropping mmu_lock. */
  record Eager() implements M1Variant {
    public Variant variant() {
      return Variant.of("eager", "pre-S1 FNAME(invlpg): zap, then kvm_flush_remote_tlbs() "
          + "under mmu_lock", Expectation.safe("invlpg flushes every vCPU before it drops "
              + "mmu_lock: the notifier either zaps a present spte and flushes itself, or runs "
              + "after that flush"));
    }

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.zap(t, page);
      m.flushAll(t, m.onBehalf());
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      m.flushAll(t, null);
    }
  }

  /** S1, v3: the mark is set before the zap; the flush clears it, then flushes. */
  record AviV3() implements M1Variant {
    public Variant variant() {
      return Variant.of("avi-v3", "dirty = true before the zap; the flush clears dirty before "
          + "flushing", Expectation.violation("P1", "the lost flush of S1: sync clears dirty "
              + "between invlpg's dirty = true and its zap, and the notifier finds nothing to "
              + "flush"));
    }

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.setDirty(t);
      m.zap(t, page);
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      m.clearThenFlush(t);
    }
  }

  /**
   * S1, Andrea's v4: zap, smp_wmb(), then the mark; the flush clears it first. Without the
   * barrier ({@code andrea-v4-no-wmb}, his sketch before he added it), a CPU that orders stores
   * out of program order could show the mark before the zap.
   */
  record AndreaV4(Variant variant, boolean wmb) implements M1Variant {
    // Found by tlbcheck, not given by the catalogue; pinned and explained in M1TracesTest.
    static final AndreaV4 WITH_WMB = new AndreaV4(Variant.of("andrea-v4", "zap, smp_wmb(), "
        + "dirty = true; the flush clears dirty first", Expectation.violation("P1", "the "
            + "notifier reads dirty after sync cleared it but before sync's flush_all reached "
            + "every vCPU, and frees the page"))
        .in("s1", Expectation.safe("once sync has finished, dirty = false is ordered after the "
            + "zap and before sync's flush_all")), true);
    static final AndreaV4 WITHOUT_WMB = new AndreaV4(Variant.of("andrea-v4-no-wmb",
        "andrea-v4 without invlpg's smp_wmb() between the zap and dirty = true",
        Expectation.violation("P1", "as andrea-v4: the notifier reads dirty between sync's "
            + "clear and its flush_all"))
        .in("s1", Expectation.safe("as andrea-v4, under sc and under x86, whose stores reach "
            + "memory in program order: smp_wmb() is a compiler barrier there"))
        .in("s1", "arm64", Expectation.violation("P1", "dirty = true reaches memory before "
            + "the zap; sync clears it and flushes, and a walk after the flush still reads the "
            + "present spte")), false);

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.zap(t, page);
      if (wmb) {
        t.barrier("smp_wmb()");
      }
      m.setDirty(t);
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      m.clearThenFlush(t);
    }
  }

  /** Zap, then the mark; the flush flushes, then clears the mark. */
  record FlushThenClear() implements M1Variant {
    public Variant variant() {
      return Variant.of("flush-then-clear", "zap, dirty = true; the flush clears dirty after "
          + "flushing", Expectation.violation("P1", "sync's flush_all runs before the zap, its "
              + "dirty = false after invlpg's dirty = true"));
    }

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.zap(t, page);
      m.setDirty(t);
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      m.flushAll(t, null);
      m.clearDirty(t);
    }
  }

  /**
   * The kernel's tlbs_dirty (a4ee1ca4a36e, "KVM: MMU: delay flush all tlbs on sync_page
   * path"): invlpg zaps, {@code smp_wmb()} ("Update spte before increasing tlbs_dirty"), and
   * counts; the flush snapshots the count, {@code smp_mb()}, flushes, and sets the count back
   * to 0 with cmpxchg only if no invlpg counted since. {@code tlbs-dirty-no-wmb} and {@code
   * tlbs-dirty-no-mb} each drop one of the two barriers.
   */
  record TlbsDirty(Variant variant, boolean wmb, boolean mb) implements M1Variant {
    static final TlbsDirty CMPXCHG = new TlbsDirty(Variant.of("tlbs-dirty-cmpxchg",
        "tlbs_dirty++ after smp_wmb(); the flush snapshots it, smp_mb(), and cmpxchg's it to 0",
        Expectation.safe("tlbs_dirty goes back to 0 only after the flush it stands for, and "
            + "only if no invlpg incremented it since the snapshot")), true, true);
    static final TlbsDirty NO_WMB = new TlbsDirty(Variant.of("tlbs-dirty-no-wmb",
        "tlbs-dirty-cmpxchg without the smp_wmb() between the zap and tlbs_dirty++",
        Expectation.safe("under sc and x86 the zap reaches memory before the count: x86's "
            + "stores leave the store buffer in program order"))
        .in("race", "arm64", Expectation.violation("P1", "the count reaches memory before "
            + "the zap; a flush it stands for ends before the zap, and a walk after it still "
            + "reads the present spte"))
        .in("s1", "arm64", Expectation.violation("P1", "as in race")), false, true);
    static final TlbsDirty NO_MB = new TlbsDirty(Variant.of("tlbs-dirty-no-mb",
        "tlbs-dirty-cmpxchg without the smp_mb() between the snapshot and the flush",
        Expectation.safe("under sc and x86 the snapshot is taken before the flush: on x86 a "
            + "load is not reordered with a later serializing flush")), true, false);

    public Var declareDirty(ModelBuilder m, int pages) {
      return m.var("tlbs_dirty", Domain.range(pages), 0);
    }

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.zap(t, page);
      if (wmb) {
        t.barrier("smp_wmb()");
      }
      Var dirty = m.dirty();
      t.step("(*tlbs_dirty)++", c -> c.store(dirty, c.load(dirty) + 1));
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      Var dirty = m.dirty();
      Reg dirtyCount = t.reg("dirty_count", dirty.domain(), 0);
      t.step("dirty_count = *tlbs_dirty", c -> c.set(dirtyCount, c.load(dirty)));
      if (mb) {
        t.barrier("smp_mb()");
      }
      m.flushAll(t, null);
      t.step("cmpxchg(tlbs_dirty, dirty_count, 0)", Order.RMW_FULL,
          c -> c.cas(dirty, c.get(dirtyCount), 0));
    }
  }

  /** The mark cleared and the flush done under mmu_lock, where the notifier reads it. */
  record UnderMmuLock() implements M1Variant {
    public Variant variant() {
      return Variant.of("under-mmu-lock", "dirty cleared and flushed under mmu_lock; notifier "
          + "reads it before its unlock", Expectation.safe("dirty is cleared and the flush "
              + "done under mmu_lock, where the notifier reads it"));
    }

    public boolean notifierReadsUnderLock() {
      return true;
    }

    public void invlpg(DirtyFlagModel m, ThreadBuilder t, int page) {
      m.zap(t, page);
      m.setDirty(t);
    }

    public void kvmFlushRemoteTlbs(DirtyFlagModel m, ThreadBuilder t) {
      t.then(m.mmuLock().lock());
      m.clearDirty(t);
      m.flushAll(t, null);
      t.then(m.mmuLock().unlock());
    }
  }
}
