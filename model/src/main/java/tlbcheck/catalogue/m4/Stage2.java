package tlbcheck.catalogue.m4;

import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.Stage2Table;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Metric;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * The arm64 stage-2 state both M4 models share (PROTOCOLS.md M4): the kernel's {@link
 * Stage2Table} (the level-2 entry {@code e} that maps a block's worth of guest memory, the
 * last-level table {@code pt} it points at, per vCPU a TLB entry per page and a walk cache),
 * and, for coalescing, a block entry over the table's range and an entry for a page outside it.
 * The vCPUs' accesses are written here once, as hardware steps; the two protocols add the
 * thread that changes the mapping.
 */
final class Stage2 {
  static final int E_INVALID = Stage2Table.E_INVALID;
  static final int E_BLOCK = Stage2Table.E_BLOCK;
  static final int PTE_INVALID = Stage2Table.PTE_INVALID;
  static final int IN_USE = 0;
  static final int FREED = 1;

  final ModelBuilder m;
  final int n;
  final int k;
  final Stage2Table table;
  final Var e;
  final PageTable pt;
  /** Which pages of the block are dirty (bit i: page i), or null where the model has none. */
  final Var dirty;
  /** The data pages, IN_USE or FREED, or null where the host frees none. */
  final Var[] frame;
  final Tlb tlbs;
  /** page[i][c]: vCPU c's TLB entry for page i. */
  final Var[][] page;
  final Var[] block;
  final Var[] other;
  final StepAssertion p4b;
  final StepAssertion p4d;
  final Metric faults;
  final Metric tlbi;

  /**
   * Declares the state. {@code withBlock}: the coalescing model, with dirty pages and the
   * block and outside entries; otherwise the unmap model, whose host frees the data pages.
   */
  Stage2(ModelBuilder m, int n, int k, boolean withBlock) {
    this.m = m;
    this.n = n;
    this.k = k;
    tlbs = Tlb.declare(m, n);
    table = Stage2Table.declare(m, tlbs, k);
    e = table.entry();
    pt = table.table();
    String[] pages = new String[1 << k];
    for (int mask = 0; mask < pages.length; mask++) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < k; i++) {
        if ((mask & 1 << i) != 0) {
          sb.append(sb.length() > 1 ? "," : "").append(i);
        }
      }
      pages[mask] = sb.append('}').toString();
    }
    dirty = withBlock ? m.var("dirty", Domain.of(pages), (1 << k) - 1) : null;
    frame = withBlock ? null : m.array("frame", k, Domain.of("IN_USE", "FREED"), IN_USE);
    page = new Var[k][];
    for (int i = 0; i < k; i++) {
      page[i] = table.page(i);
    }
    block = withBlock ? tlbs.entries("block", table.range(), "EMPTY", "BLOCK") : null;
    other = withBlock ? tlbs.entries("other", AddressRange.page(k), "EMPTY", "MAPPED") : null;
    p4b = m.stepAssertion("P4b", "no walk reads a FREED table", "freed-walk");
    p4d = withBlock
        ? m.stepAssertion("P4d", "no guest access through a block entry to a page with "
            + "dirty[i]", "dirty-read")
        : null;
    if (withBlock) {
      m.stepsWhile("window", "steps of all threads taken while e is INVALID",
          r -> r.load(e) == E_INVALID);
    }
    faults = m.metric("faults", "translation faults taken by vCPUs while the mapping changes");
    if (withBlock) {
      tlbs.countDropped(other, m.metric("collateral",
          "entries outside the block invalidated (other[] refills)"));
    }
    tlbi = m.metric("tlbi", "TLBI steps");
  }

  /**
   * vCPU c's {@code accesses} guest accesses: each a hardware step to any page of the block
   * or, with {@code outside}, to a page outside it. A hit uses the TLB (a block hit is checked
   * against P4d); a miss walks, through the walk cache first, which is how a freed table can
   * still be walked.
   */
  void writeVcpu(ThreadBuilder v, int cpu, int accesses, boolean outside) {
    int ways = outside ? k + 1 : k;
    for (int x = 0; x < accesses; x++) {
      v.hardwareChoice(ways, a -> a == k ? "access(outside)" : "access(page " + a + ")",
          (c, a) -> {
            if (a == k) {
              c.store(other[cpu], 1);
            } else {
              access(c, cpu, a);
            }
          });
    }
  }

  private void access(Ctx c, int cpu, int i) {
    if (table.hit(c, cpu, i)) {
      return;
    }
    if (block != null && c.load(block[cpu]) != Tlb.EMPTY) {
      throughBlock(c, cpu, i);
      return;
    }
    switch (table.walk(c, cpu, i, p4b)) {
      case FILLED, FREED -> { }
      case FAULT -> c.count(faults);
      case NOT_TABLE -> {
        if (c.walk(e, block[cpu]) == E_BLOCK) {
          c.store(block[cpu], 1);
          throughBlock(c, cpu, i);
        } else {
          c.count(faults);
        }
      }
    }
  }

  private void throughBlock(Ctx c, int cpu, int i) {
    if ((c.load(dirty) & 1 << i) != 0) {
      c.fail(p4d, "vcpu" + cpu + " reads page " + i + " through the block while the host's "
          + "data for it is still dirty in the cache");
    }
  }
}
