package tlbcheck.catalogue.m3;

import static tlbcheck.catalogue.m3.RcuFreeing.LEAF_PRESENT;
import static tlbcheck.catalogue.m3.RcuFreeing.LEAF_REMOVED;
import static tlbcheck.catalogue.m3.RcuFreeing.NONPRESENT;
import static tlbcheck.catalogue.m3.RcuFreeing.PRESENT;

import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.Rcu;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Order;
import tlbcheck.model.Params;
import tlbcheck.model.Reg;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * The model of one variant of {@link RcuFreeing}: fields are the shared state, methods the
 * kernel functions (zap_gfn_range and handle_removed_tdp_mmu_page, the RCU callbacks, the
 * walkers).
 */
final class ZapModel {
  private final M3Variant variant;
  private final int n;
  private final int p;
  private final int k;
  private final ModelBuilder m;
  private final Var[] pde;
  private final PageTable[] pt;
  private final Tlb tlbs;
  private final Var[] tlb;
  private final Var[][] psc;
  private final Rcu rcu;
  private final StepAssertion p3read;
  private final Metric flushes;

  ZapModel(M3Variant variant, Params params) {
    this.variant = variant;
    this.n = params.n();
    this.p = params.p();
    this.k = params.k();
    m = Model.builder("m3", variant.variant().id(), "zap").param("N", n).param("K", k)
        .param("A", params.a()).param("P", p);
    pde = m.array("pde", p, Domain.of("NONPRESENT", "PRESENT"), PRESENT, Var.Kind.TABLE);
    pt = new PageTable[p];
    for (int j = 0; j < p; j++) {
      pt[j] = PageTable.declare(m, "pt" + j, k, new String[] {"PRESENT", "REMOVED"},
          LEAF_PRESENT, 0, 0);
    }
    tlbs = Tlb.declare(m, n);
    String[] addresses = new String[p * k + 1];
    addresses[0] = "EMPTY";
    for (int a = 0; a < p * k; a++) {
      addresses[a + 1] = address(a);
    }
    tlb = tlbs.entries("tlb", addresses);
    String[] tables = new String[p];
    for (int j = 0; j < p; j++) {
      tables[j] = "pt" + j;
    }
    psc = new Var[p][];
    for (int j = 0; j < p; j++) {
      psc[j] = tlbs.walkCache("psc" + j, tables);
    }
    rcu = Rcu.declare(m, "rcu", 2, p);
    flushes = m.metric("flushes", "flush_all calls per zap");
    p3read = m.stepAssertion("P3-read", "no walker or reader reads a FREED pt", "freed-walk");
    m.invariant("P3", "no psc entry names a FREED pt", "freed-psc", r -> {
      for (int j = 0; j < p; j++) {
        if (!pt[j].freed(r)) {
          continue;
        }
        for (int c = 0; c < n; c++) {
          if (r.load(psc[j][c]) != Tlb.EMPTY) {
            return "vcpu" + c + "'s walk cache points at pt" + j + " after it was freed";
          }
        }
      }
      return null;
    });

    writeZapper(m.thread("zapper"));
    writeRcu(m.thread("rcu"));
    for (int c = 0; c < n; c++) {
      writeWalker(m.thread("walker(" + c + ")"), c, params.a());
    }
    writeReader(m.thread("reader"));
  }

  Model build() {
    return m.build();
  }

  private String address(int a) {
    return "pt" + a / k + "[" + a % k + "]";
  }

  /** zap_gfn_range() under rcu_read_lock(), RCU reader 0. */
  private void writeZapper(ThreadBuilder z) {
    z.then(rcu.readLock(0));
    for (int j = 0; j < p; j++) {
      int table = j;
      z.step("pde[" + j + "] = NONPRESENT", c -> c.store(pde[table], NONPRESENT));
      for (int i = 0; i < k; i++) {
        int entry = i;
        z.step("handle_removed_pt: pt" + j + "[" + i + "] = REMOVED_SPTE",
            c -> pt[table].setEntry(c, entry, LEAF_REMOVED));
      }
      variant.removed(this, z, j);
    }
    variant.afterLoop(this, z);
  }

  /** How many tables one zap removes: P. */
  int tables() {
    return p;
  }

  /** kvm_flush_remote_tlbs(): flush_all, counted toward the flushes metric. */
  void flushAll(ThreadBuilder z) {
    tlbs.flushAll(z, c -> "kvm_flush_remote_tlbs: flush(" + c + ")", flushes, null);
  }

  void callRcu(ThreadBuilder z, int j) {
    z.step("call_rcu(free pt" + j + ")", Order.RMW_FULL, c -> rcu.call(c, j));
  }

  void unlock(ThreadBuilder z) {
    z.then(rcu.readUnlock(0));
  }

  /** The grace-period machinery: each callback, once its grace period ends, frees its table. */
  private void writeRcu(ThreadBuilder t) {
    for (int j = 0; j < p; j++) {
      int table = j;
      t.then(rcu.gracePeriod(j));
      t.step("tdp_mmu_free_sp(pt" + j + ")", c -> pt[table].free(c));
    }
  }

  /**
   * A vCPU's accesses, each one hardware step: a TLB hit uses the translation; else the walk
   * takes the table from the walk cache, or from the pde (caching it), and fills the TLB from
   * a PRESENT leaf. Reading a freed table is the use after free P3 forbids.
   */
  private void writeWalker(ThreadBuilder w, int cpu, int accesses) {
    for (int x = 0; x < accesses; x++) {
      w.hardwareChoice(p * k, a -> "access(" + address(a) + ")", (c, a) -> {
        if (c.load(tlb[cpu]) == a + 1) {
          return;
        }
        int j = a / k;
        int table = tlbs.walkTable(c, psc[j], cpu, pde[j], e -> e == PRESENT ? j : -1);
        if (table < 0) {
          return;
        }
        if (pt[table].freed(c)) {
          c.fail(p3read, "walker(" + cpu + ") walks pt" + table + " through its walk cache "
              + "after the table was freed");
        } else if (pt[table].walkEntry(c, a % k, tlb[cpu]) == LEAF_PRESENT) {
          c.store(tlb[cpu], a + 1);
        }
      });
    }
  }

  /** A lockless walker (the fast page fault path), RCU reader 1. */
  private void writeReader(ThreadBuilder r) {
    String[] tables = new String[p + 1];
    tables[0] = "NONE";
    for (int j = 0; j < p; j++) {
      tables[j + 1] = "pt" + j;
    }
    Reg table = r.reg("p", Domain.of(tables), 0);
    Label out = r.label();
    r.then(rcu.readLock(1));
    r.stepChoice(p, j -> "p = pde[" + j + "]",
        (c, j) -> c.set(table, c.load(pde[j]) == PRESENT ? j + 1 : 0));
    r.step("if (is_shadow_present_pte(p))", c -> {
      if (c.get(table) == 0) {
        c.jump(out);
      }
    });
    r.step("spte = READ_ONCE(p[0])", c -> {
      PageTable read = pt[c.get(table) - 1];
      if (read.freed(c)) {
        c.fail(p3read, "the reader reads " + read.name() + " after it was freed");
      }
    });
    r.place(out);
    r.then(rcu.readUnlock(1));
  }
}
