package tlbcheck.catalogue.m1;

import static tlbcheck.catalogue.m1.RemoteTlbsDirty.F;
import static tlbcheck.catalogue.m1.RemoteTlbsDirty.FREED;
import static tlbcheck.catalogue.m1.RemoteTlbsDirty.IN_USE;
import static tlbcheck.catalogue.m1.RemoteTlbsDirty.NONPRESENT;
import static tlbcheck.catalogue.m1.RemoteTlbsDirty.PRESENT;

import tlbcheck.kernel.Spinlock;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * The model of one variant of {@link RemoteTlbsDirty}: fields are the shared variables, methods
 * the kernel functions (FNAME(invlpg), kvm_flush_remote_tlbs, the mmu notifier, a guest's
 * accesses).
 */
final class DirtyFlagModel {
  private final M1Variant variant;
  private final int n;
  private final ModelBuilder m;
  /**
   * sptes[i]: the spte of page i, {@code spte} mapping frame f for page 0, the one the host
   * reclaims, and {@code spte<i>} mapping f<i> for the other pages invlpg invalidates.
   */
  private final Var[] sptes;
  private final Var dirty;
  private final Spinlock mmuLock;
  private final Tlb tlbs;
  private final Var[] tlb;
  private final Var frame;
  private final ThreadBuilder invlpg;
  private final ThreadBuilder sync;
  private final ThreadBuilder notifier;
  private final Metric onBehalf;

  DirtyFlagModel(M1Variant variant, String scenario, Params params) {
    this.variant = variant;
    this.n = params.n();
    if (n < 2) {
      throw new CatalogueError("model m1 needs N >= 2: vCPU 0 runs invlpg, vCPUs 1.. are guests");
    }
    int pages = params.i();
    m = Model.builder("m1", variant.variant().id(), scenario).param("N", n)
        .param("A", params.a());
    if (pages > 1) {
      // Named only where it departs from 1, so that schedules saved before I existed replay.
      m.param("I", pages);
    }
    sptes = new Var[pages];
    sptes[0] = m.table("spte", Domain.of("NONPRESENT", "PRESENT(f)"), PRESENT);
    for (int i = 1; i < pages; i++) {
      sptes[i] = m.table("spte" + i, Domain.of("NONPRESENT", "PRESENT(f" + i + ")"), PRESENT);
    }
    dirty = variant.declareDirty(m, pages);
    mmuLock = Spinlock.declare(m, "mmu_lock");
    tlbs = Tlb.declare(m, n);
    tlb = tlbs.entries("tlb", "EMPTY", "f");
    frame = m.var("frame", Domain.of("IN_USE", "FREED"), IN_USE);
    onBehalf = m.metric("remote-flushes", "flush_all calls made on behalf of invlpg");

    invlpg = m.thread("invlpg");
    sync = m.thread("sync");
    notifier = m.thread("notifier");
    if (scenario.equals("s1")) {
      notifier.startsAfter(sync);
    }
    writeInvlpg();
    variant.kvmFlushRemoteTlbs(this, sync);
    writeNotifier();
    for (int c = 1; c < n; c++) {
      writeGuest(m.thread("guest(" + c + ")"), c, params.a());
    }

    m.invariant("P1", "no TLB holds a FREED frame", "stale-tlb", r -> {
      if (r.load(frame) != FREED) {
        return null;
      }
      for (int c = 0; c < n; c++) {
        if (r.load(tlb[c]) == F) {
          return "vcpu" + c + "'s TLB maps frame f after the host freed it";
        }
      }
      return null;
    });
  }

  Model build() {
    return m.build();
  }

  /**
   * FNAME(invlpg) on vCPU 0, once per page: the guest invalidates each page's translation in
   * turn, page 0 (the one the host reclaims) first.
   */
  private void writeInvlpg() {
    for (int page = 0; page < sptes.length; page++) {
      Var spte = sptes[page];
      Label out = invlpg.label();
      invlpg.then(mmuLock.lock());
      invlpg.step("if (is_shadow_present_pte(*" + spte.name() + "))", c -> {
        if (c.load(spte) != PRESENT) {
          c.jump(out);
        }
      });
      variant.invlpg(this, invlpg, page);
      invlpg.place(out);
      invlpg.then(mmuLock.unlock());
      tlbs.flushLocal(invlpg, "flush(0)", 0);
    }
  }

  /**
   * mmu_notifier_invalidate_page: zap the spte under mmu_lock (kvm_unmap_rmapp clears the
   * sptes its rmap holds, present ones only, so a non-present spte is not written), flush if
   * it was present or a flush is pending, then the host frees the page.
   */
  private void writeNotifier() {
    Reg zapped = notifier.reg("zapped", Domain.bool(), 0);
    Reg needFlush = notifier.reg("need_flush", Domain.bool(), 0);
    Label free = notifier.label();
    notifier.then(mmuLock.lock());
    Var spte = sptes[0];
    notifier.step("zapped = kvm_unmap_hva(spte)", c -> {
      boolean present = c.load(spte) == PRESENT;
      c.set(zapped, present ? 1 : 0);
      if (present) {
        c.store(spte, NONPRESENT);
      }
    });
    if (variant.notifierReadsUnderLock()) {
      notifier.step("need_flush = zapped || *remote_tlbs_dirty", c -> {
        c.set(needFlush, c.get(zapped) == 1 || c.load(dirty) != 0 ? 1 : 0);
        countIfOnlyDirty(c, zapped);
      });
      notifier.then(mmuLock.unlock());
      notifier.step("if (need_flush)", c -> {
        if (c.get(needFlush) == 0) {
          c.jump(free);
        }
      });
    } else {
      notifier.then(mmuLock.unlock());
      notifier.step("if (zapped || *" + dirty.name() + ")", c -> {
        if (c.get(zapped) == 0 && c.load(dirty) == 0) {
          c.jump(free);
        }
        countIfOnlyDirty(c, zapped);
      });
    }
    variant.kvmFlushRemoteTlbs(this, notifier);
    notifier.place(free);
    notifier.step("free_page(frame)", c -> c.store(frame, FREED));
  }

  /**
   * A guest on vCPU c touches the page: a hardware walk fills an empty TLB from a present
   * spte; a TLB that holds f uses it without a walk; a non-present spte faults and changes
   * nothing here.
   */
  private void writeGuest(ThreadBuilder g, int cpu, int accesses) {
    Var spte = sptes[0];
    for (int i = 0; i < accesses; i++) {
      g.hardware("access(tlb, spte)", c -> {
        if (c.load(tlb[cpu]) == Tlb.EMPTY && c.walk(spte, tlb[cpu]) == PRESENT) {
          c.store(tlb[cpu], F);
        }
      });
    }
  }

  /**
   * The notifier's flush is made on behalf of invlpg when it found no present spte itself
   * and flushes only because invlpg left the flag set.
   */
  private void countIfOnlyDirty(Ctx c, Reg zapped) {
    if (c.get(zapped) == 0 && c.load(dirty) != 0) {
      c.count(onBehalf);
    }
  }

  /** The metric of the flushes made on invlpg's behalf. */
  Metric onBehalf() {
    return onBehalf;
  }

  /** The pending-flush mark. */
  Var dirty() {
    return dirty;
  }

  Spinlock mmuLock() {
    return mmuLock;
  }

  /** invlpg's zap of page {@code page}'s spte. */
  void zap(ThreadBuilder t, int page) {
    Var spte = sptes[page];
    t.step("*" + spte.name() + " = NONPRESENT", c -> c.store(spte, NONPRESENT));
  }

  void setDirty(ThreadBuilder t) {
    t.step("*remote_tlbs_dirty = true", c -> c.store(dirty, 1));
  }

  void clearDirty(ThreadBuilder t) {
    t.step("*remote_tlbs_dirty = false", c -> c.store(dirty, 0));
  }

  /** flush_all: one hardware step per vCPU; the first counts toward {@code calls}. */
  void flushAll(ThreadBuilder t, Metric calls) {
    tlbs.flushAll(t, cpu -> "flush(" + cpu + ")", calls, null);
  }

  /** S1's kvm_flush_remote_tlbs(): the mark cleared, smp_wmb(), then flush_all. */
  void clearThenFlush(ThreadBuilder t) {
    clearDirty(t);
    t.barrier("smp_wmb()");
    flushAll(t, null);
  }
}
