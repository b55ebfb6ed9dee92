package tlbcheck.catalogue.m1;

import java.util.List;
import tlbcheck.kernel.Spinlock;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Expectation;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * M1, remote_tlbs_dirty: the deferred remote flush on INVLPG of the x86 shadow MMU
 * (PROTOCOLS.md M1; source S1, "KVM: Defer remote tlb flushes on invlpg (v4)", kvm list, April
 * 2009, Avi Kivity, Andrea Arcangeli, Marcelo Tosatti).
 *
 * <p>Before S1, FNAME(invlpg) zapped the shadow pte and called kvm_flush_remote_tlbs() while
 * still holding mmu_lock ({@code eager}). S1 replaces that IPI by a flag, remote_tlbs_dirty,
 * which the next kvm_flush_remote_tlbs() clears and which mmu_notifier_invalidate_page consults
 * before the host frees the page. Where the flag is cleared relative to the flush, and what the
 * notifier reads, decides whether a flush can be lost: a vCPU's TLB keeping a translation to a
 * frame the host has freed (P1).
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>{@code tlbs-dirty-cmpxchg} follows Xiao Guangrong's "KVM: MMU: delay flush all tlbs on
 *       sync_page path" (2011): {@code dirty_count = kvm->tlbs_dirty; smp_mb(); flush;
 *       cmpxchg(&kvm->tlbs_dirty, dirty_count, 0)}. That commit reads tlbs_dirty in the notifier
 *       under mmu_lock; the catalogue puts the read after the unlock for every variant but
 *       {@code under-mmu-lock}, and so does this model: it only adds interleavings.</li>
 *   <li>tlbs_dirty has the domain 0..1: the one invlpg thread increments it at most once.</li>
 *   <li>vCPU 0 runs invlpg and no guest thread, so tlb[0] stays empty; its flush steps are kept
 *       because they are steps of flush_all that other threads can interleave with.</li>
 *   <li>The metric counts invlpg's own flush_all ({@code eager}) and each notifier flush made
 *       only because the flag was set: the notifier found no present spte of its own to zap.
 *       sync's kvm_flush_remote_tlbs() comes from another path and is not counted.</li>
 * </ul>
 */
public final class RemoteTlbsDirty extends Protocol {
  static final int NONPRESENT = 0;
  static final int PRESENT = 1;
  static final int F = 1;
  static final int IN_USE = 0;
  static final int FREED = 1;

  private static final List<Variant> VARIANTS = List.of(
      new Variant("eager", "pre-S1 FNAME(invlpg): zap, then kvm_flush_remote_tlbs() under mmu_lock"),
      new Variant("avi-v3", "dirty = true before the zap; the flush clears dirty before flushing"),
      new Variant("andrea-v4", "zap, smp_wmb(), dirty = true; the flush clears dirty first"),
      new Variant("flush-then-clear", "zap, dirty = true; the flush clears dirty after flushing"),
      new Variant("tlbs-dirty-cmpxchg", "tlbs_dirty++; the flush snapshots it and cmpxchg's it to 0"),
      new Variant("under-mmu-lock", "dirty cleared and flushed under mmu_lock; notifier reads it "
          + "before its unlock"));

  /**
   * Scenarios {@code race}: every thread runs from the start; {@code s1}: the notifier starts
   * after sync.
   */
  public RemoteTlbsDirty() {
    super("m1", "remote_tlbs_dirty: deferred remote flush on INVLPG (x86 shadow MMU; S1)",
        List.of("race", "s1"), VARIANTS);
  }

  /**
   * The lost flush: the guest's access and invlpg's zap on one actor, sync's clear of the flag
   * and its flushes on the other, so that the clear can land between invlpg's set and the
   * notifier's test of the flag.
   */
  @Override
  public List<Race> races() {
    return List.of(new Race("flag", "sync's flag clear and flushes against invlpg's zap and "
        + "the notifier's free", "race", List.of("P1"), List.of(), List.of("guest(1)", "invlpg", "notifier"),
        List.of("sync"), List.of()));
  }

  @Override
  protected Expectation expectation(String variant, String scenario) {
    switch (variant) {
      case "avi-v3":
        return Expectation.violation("P1", "the lost flush of S1: sync clears dirty between "
            + "invlpg's dirty = true and its zap, and the notifier finds nothing to flush");
      case "flush-then-clear":
        return Expectation.violation("P1", "sync's flush_all runs before the zap, its "
            + "dirty = false after invlpg's dirty = true");
      case "andrea-v4":
        // Found by tlbcheck, not given by the catalogue; pinned and explained in M1VerdictsTest.
        return scenario.equals("s1")
            ? Expectation.safe("once sync has finished, dirty = false is ordered after the zap "
                + "and before sync's flush_all")
            : Expectation.violation("P1", "the notifier reads dirty after sync cleared it but "
                + "before sync's flush_all reached every vCPU, and frees the page");
      case "eager":
        return Expectation.safe("invlpg flushes every vCPU before it drops mmu_lock: the notifier "
            + "either zaps a present spte and flushes itself, or runs after that flush");
      case "tlbs-dirty-cmpxchg":
        return Expectation.safe("tlbs_dirty goes back to 0 only after the flush it stands for, "
            + "and only if no invlpg incremented it since the snapshot");
      default: // under-mmu-lock
        return Expectation.safe("dirty is cleared and the flush done under mmu_lock, where the "
            + "notifier reads it");
    }
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    return new Builder(variant, scenario, params).build();
  }

  /** The model of one variant: fields are the shared variables, methods the kernel functions. */
  private static final class Builder {
    private final String variant;
    private final int n;
    private final ModelBuilder m;
    private final Var spte;
    private final Var dirty;
    private final Spinlock mmuLock;
    private final Tlb tlbs;
    private final Var[] tlb;
    private final Var frame;
    private final ThreadBuilder invlpg;
    private final ThreadBuilder sync;
    private final ThreadBuilder notifier;
    private final Metric onBehalf;

    Builder(String variant, String scenario, Params params) {
      this.variant = variant;
      this.n = params.n();
      if (n < 2) {
        throw new CatalogueError("model m1 needs N >= 2: vCPU 0 runs invlpg, vCPUs 1.. are guests");
      }
      m = Model.builder("m1", variant, scenario).param("N", n).param("A", params.a());
      spte = m.var("spte", Domain.of("NONPRESENT", "PRESENT(f)"), PRESENT);
      dirty = variant.equals("tlbs-dirty-cmpxchg")
          ? m.var("tlbs_dirty", Domain.range(1), 0)
          : m.var("remote_tlbs_dirty", Domain.bool(), 0);
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
      kvmFlushRemoteTlbs(sync);
      writeNotifier();
      for (int c = 1; c < n; c++) {
        writeGuest(m.thread("guest(" + c + ")"), c, params.a());
      }

      m.invariant("P1", "no TLB holds a FREED frame", r -> {
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

    /** FNAME(invlpg) on vCPU 0: the guest invalidates the page's translation. */
    private void writeInvlpg() {
      Label out = invlpg.label();
      invlpg.then(mmuLock.lock());
      invlpg.step("if (is_shadow_present_pte(spte))", c -> {
        if (c.load(spte) != PRESENT) {
          c.jump(out);
        }
      });
      switch (variant) {
        case "eager":
          zap(invlpg);
          flushAll(invlpg, onBehalf);
          break;
        case "avi-v3":
          setDirty(invlpg);
          zap(invlpg);
          break;
        case "andrea-v4":
          zap(invlpg);
          invlpg.barrier("smp_wmb()");
          setDirty(invlpg);
          break;
        case "tlbs-dirty-cmpxchg":
          zap(invlpg);
          invlpg.step("tlbs_dirty++", c -> c.store(dirty, c.load(dirty) + 1));
          break;
        default: // flush-then-clear, under-mmu-lock
          zap(invlpg);
          setDirty(invlpg);
          break;
      }
      invlpg.place(out);
      invlpg.then(mmuLock.unlock());
      tlbs.flushLocal(invlpg, "flush(0)", 0);
    }

    /** kvm_flush_remote_tlbs() as the variant writes it. */
    private void kvmFlushRemoteTlbs(ThreadBuilder t) {
      switch (variant) {
        case "eager":
          flushAll(t, null);
          break;
        case "avi-v3":
        case "andrea-v4":
          clearDirty(t);
          t.barrier("smp_wmb()");
          flushAll(t, null);
          break;
        case "flush-then-clear":
          flushAll(t, null);
          clearDirty(t);
          break;
        case "tlbs-dirty-cmpxchg": {
          Reg dirtyCount = t.reg("dirty_count", Domain.range(1), 0);
          t.step("dirty_count = tlbs_dirty", c -> c.set(dirtyCount, c.load(dirty)));
          t.barrier("smp_mb()");
          flushAll(t, null);
          t.step("cmpxchg(tlbs_dirty, dirty_count, 0)",
              c -> c.cas(dirty, c.get(dirtyCount), 0));
          break;
        }
        case "under-mmu-lock":
          t.then(mmuLock.lock());
          clearDirty(t);
          flushAll(t, null);
          t.then(mmuLock.unlock());
          break;
        default:
          throw new IllegalStateException("variant " + variant + " has no kvm_flush_remote_tlbs");
      }
    }

    /**
     * mmu_notifier_invalidate_page: zap the spte under mmu_lock, flush if it was present or a
     * flush is pending, then the host frees the page.
     */
    private void writeNotifier() {
      Reg zapped = notifier.reg("zapped", Domain.bool(), 0);
      Reg needFlush = notifier.reg("need_flush", Domain.bool(), 0);
      Label free = notifier.label();
      notifier.then(mmuLock.lock());
      notifier.step("zapped = kvm_unmap_hva()", c -> {
        c.set(zapped, c.load(spte) == PRESENT ? 1 : 0);
        c.store(spte, NONPRESENT);
      });
      if (variant.equals("under-mmu-lock")) {
        notifier.step("need_flush = zapped || remote_tlbs_dirty", c -> {
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
        notifier.step("if (zapped || " + dirty.name() + ")", c -> {
          if (c.get(zapped) == 0 && c.load(dirty) == 0) {
            c.jump(free);
          }
          countIfOnlyDirty(c, zapped);
        });
      }
      kvmFlushRemoteTlbs(notifier);
      notifier.place(free);
      notifier.step("free_page(f)", c -> c.store(frame, FREED));
    }

    /**
     * A guest on vCPU c touches the page: a hardware walk fills an empty TLB from a present
     * spte; a TLB that holds f uses it without a walk; a non-present spte faults and changes
     * nothing here.
     */
    private void writeGuest(ThreadBuilder g, int cpu, int accesses) {
      for (int i = 0; i < accesses; i++) {
        g.hardware("access(f)", c -> {
          if (c.load(tlb[cpu]) == Tlb.EMPTY && c.load(spte) == PRESENT) {
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

    private void zap(ThreadBuilder t) {
      t.step("spte = NONPRESENT", c -> c.store(spte, NONPRESENT));
    }

    private void setDirty(ThreadBuilder t) {
      t.step("remote_tlbs_dirty = true", c -> c.store(dirty, 1));
    }

    private void clearDirty(ThreadBuilder t) {
      t.step("remote_tlbs_dirty = false", c -> c.store(dirty, 0));
    }

    /** flush_all: one hardware step per vCPU; the first counts toward {@code calls}. */
    private void flushAll(ThreadBuilder t, Metric calls) {
      tlbs.flushAll(t, cpu -> "flush(" + cpu + ")", calls, null);
    }
  }
}
