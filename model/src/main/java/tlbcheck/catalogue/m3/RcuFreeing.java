package tlbcheck.catalogue.m3;

import java.util.List;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.Rcu;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.CatalogueError;
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
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * M3, RCU-deferred page-table freeing in the x86 TDP MMU zap (PROTOCOLS.md M3; source S2,
 * "[RFC 02/19] KVM: x86/mmu: Batch TLB flushes for a single zap", Nov 2021, Ben Gardon and Sean
 * Christopherson).
 *
 * <p>zap_gfn_range() clears the non-leaf entries that point at page tables and, through
 * handle_removed_tdp_mmu_page(), marks every entry of each removed table REMOVED_SPTE; the
 * tables are freed by an RCU callback (tdp_mmu_free_sp_rcu_callback) so that lockless walkers
 * inside rcu_read_lock() never read freed memory. But a vCPU's paging-structure cache is not an
 * RCU reader: it keeps pointing at a removed table until a TLB flush drops it, so the flush must
 * come before the grace period can end, that is before the zapper's rcu_read_unlock() (Sean's
 * point on the RFC). Where the flush goes relative to call_rcu and rcu_read_unlock is what the
 * variants vary; P3 says whether a freed table is still reachable.
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>A walker's access chooses its address: any entry i of any table j, P x K alternatives.
 *       Each vCPU's TLB holds one translation (the address of the last fill).</li>
 *   <li>The lockless reader chooses which non-leaf entry it reads; it reads entry 0 of the
 *       table it finds (all entries of a table are one page: any would do).</li>
 *   <li>The RCU machinery runs callbacks in the order call_rcu queued them, as one CPU's
 *       callback list does; callback j frees table j.</li>
 *   <li>In {@code batched}, "queue pt j" adds the table to the zapper's local list: a step that
 *       touches no shared variable, kept because it keeps its place in traces.</li>
 * </ul>
 */
public final class RcuFreeing extends Protocol {
  static final int NONPRESENT = 0;
  static final int PRESENT = 1;
  /** A leaf entry's values: a page table's entries are PRESENT until the zap removes them. */
  static final int LEAF_PRESENT = 0;
  static final int LEAF_REMOVED = 1;

  private static final List<Variant> VARIANTS = List.of(
      new Variant("flush-per-removal", "flush_all and call_rcu for each removed table"),
      new Variant("batched", "Ben's RFC: queue each removed table; after the loop flush_all, "
          + "then call_rcu for each"),
      new Variant("flush-before-unlock", "Sean: call_rcu for each table; flush_all before "
          + "rcu_read_unlock"),
      new Variant("unlock-before-flush", "call_rcu for each table; rcu_read_unlock, then "
          + "flush_all"),
      new Variant("no-flush", "call_rcu for each table and no flush"));

  public RcuFreeing() {
    super("m3", "RCU-deferred page-table freeing (x86 TDP MMU zap; S2)",
        List.of("zap"), VARIANTS);
  }

  /** N = 2, 3 and 4 at P = 1, and N = 2 and 3 at P = 2 for the flush count per zap. */
  @Override
  public List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4),
        Params.DEFAULT.withP(2), Params.DEFAULT.withN(3).withP(2));
  }

  /**
   * The zapper on one actor; on the other, a walker fills its walk cache and then the RCU
   * thread ends the grace period and runs the callback, so that the free can land before a
   * flush the zapper makes late (unlock-before-flush) or never (no-flush). The second walker
   * and the lockless reader run once the race is over.
   */
  @Override
  public List<Race> races() {
    return List.of(new Race("zap", "the zapper's zap, flush and call_rcu against a walker's "
        + "walk cache and the grace period's free", "zap", List.of("P3"), List.of(), List.of("zapper"),
        List.of("walker(0)", "rcu"), List.of("walker(1)", "reader")));
  }

  @Override
  protected Expectation expectation(String variant, String scenario) {
    switch (variant) {
      case "unlock-before-flush":
        return Expectation.violation("P3", "the grace period ends at rcu_read_unlock, before "
            + "the flush: the table is freed while a vCPU's walk cache still points at it");
      case "no-flush":
        return Expectation.violation("P3", "nothing drops the vCPUs' walk caches");
      case "flush-per-removal":
        return Expectation.safe("every table's walk-cache entries are flushed before its "
            + "call_rcu; P flushes");
      default: // batched, flush-before-unlock
        return Expectation.safe("one flush_all, before rcu_read_unlock, so before any grace "
            + "period can end");
    }
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    if (params.p() > 2) {
      throw new CatalogueError("model m3 takes P = 1 or 2 removed page tables, got " + params.p());
    }
    return new Builder(variant, params).build();
  }

  /** The model of one variant: fields are the shared state, methods the kernel functions. */
  private static final class Builder {
    private final String variant;
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

    Builder(String variant, Params params) {
      this.variant = variant;
      this.n = params.n();
      this.p = params.p();
      this.k = params.k();
      m = Model.builder("m3", variant, "zap").param("N", n).param("K", k).param("A", params.a())
          .param("P", p);
      pde = m.array("pde", p, Domain.of("NONPRESENT", "PRESENT"), PRESENT);
      pt = new PageTable[p];
      for (int j = 0; j < p; j++) {
        pt[j] = PageTable.declare(m, "pt" + j, k, new String[] {"PRESENT", "REMOVED"}, LEAF_PRESENT, 0,
            0);
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
      p3read = m.stepAssertion("P3-read", "no walker or reader reads a FREED pt");
      m.invariant("P3", "no psc entry names a FREED pt", r -> {
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
        switch (variant) {
          case "flush-per-removal":
            flushAll(z);
            callRcu(z, j);
            break;
          case "batched":
            z.step("list_add(pt" + j + ", &invalidated)", c -> { });
            break;
          default:
            callRcu(z, j);
            break;
        }
      }
      switch (variant) {
        case "batched":
          flushAll(z);
          for (int j = 0; j < p; j++) {
            callRcu(z, j);
          }
          unlock(z);
          break;
        case "flush-before-unlock":
          flushAll(z);
          unlock(z);
          break;
        case "unlock-before-flush":
          unlock(z);
          flushAll(z);
          break;
        default: // flush-per-removal, no-flush
          unlock(z);
          break;
      }
    }

    private void flushAll(ThreadBuilder z) {
      tlbs.flushAll(z, c -> "kvm_flush_remote_tlbs: flush(" + c + ")", flushes, null);
    }

    private void callRcu(ThreadBuilder z, int j) {
      z.step("call_rcu(free pt" + j + ")", c -> rcu.call(c, j));
    }

    private void unlock(ThreadBuilder z) {
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
          } else if (pt[table].entry(c, a % k) == LEAF_PRESENT) {
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
}
