package tlbcheck.kernel;

import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.Var;

/**
 * An arm64 stage-2 last-level table and the MMU's walk through it (PROTOCOLS.md M4;
 * arch/arm64/kvm/hyp/pgtable.c): the level-2 entry {@code e} that holds nothing, a pointer to
 * the table, or a block; the table page {@code pt} of K entries with the refcount stage 2 keeps
 * (one for the table entry, one per valid entry); and per CPU a leaf TLB entry {@code page<i>}
 * per page, tagged with its address, and a walk cache {@code psc} of the table, tagged with the
 * K pages it translates, so that {@link Tlb#tlbiRange} drops exactly what a range covers.
 *
 * <p>The walk is a hardware step's body: {@link #hit} first, then {@link #walk}, which goes
 * through the walk cache before {@code e} (how a freed table can still be walked: the check
 * M3's P3 and M4's P4b make) and fills the leaf from a valid entry.
 */
public final class Stage2Table {
  public static final int E_INVALID = 0;
  public static final int E_TABLE = 1;
  public static final int E_BLOCK = 2;
  public static final int PTE_VALID = 0;
  public static final int PTE_INVALID = 1;

  /** How a walk that missed the TLB ended. */
  public enum Walk {
    /** A valid entry: the leaf TLB entry is filled. */
    FILLED,
    /** An invalid entry: a translation fault. */
    FAULT,
    /** The walk read a freed table: the step assertion has failed. */
    FREED,
    /** {@code e} points at no table: it is invalid or a block, for the caller to decide. */
    NOT_TABLE
  }

  private final Tlb tlbs;
  private final Var e;
  private final PageTable pt;
  private final Var[][] page;
  private final Var[] psc;

  private Stage2Table(Tlb tlbs, Var e, PageTable pt, Var[][] page, Var[] psc) {
    this.tlbs = tlbs;
    this.e = e;
    this.pt = pt;
    this.page = page;
    this.psc = psc;
  }

  /**
   * Declares {@code e} (a table entry), {@code pt} (K valid entries, refcount K + 1), each
   * page's leaf entries and the walk cache on {@code tlbs}.
   */
  public static Stage2Table declare(ModelBuilder m, Tlb tlbs, int k) {
    Var e = m.table("e", Domain.of("INVALID", "TABLE(pt)", "BLOCK"), E_TABLE);
    PageTable pt = PageTable.declare(m, "pt", k, new String[] {"VALID", "INVALID"}, PTE_VALID,
        k + 1, k + 1);
    Var[][] page = new Var[k][];
    for (int i = 0; i < k; i++) {
      page[i] = tlbs.entries("page" + i, AddressRange.page(i), "EMPTY", "frame" + i);
    }
    Var[] psc = tlbs.walkCache("psc", AddressRange.of(0, k), "pt");
    return new Stage2Table(tlbs, e, pt, page, psc);
  }

  /** The level-2 entry. */
  public Var entry() {
    return e;
  }

  /** The last-level table page. */
  public PageTable table() {
    return pt;
  }

  /** {@code page(i)[c]}: CPU c's leaf TLB entry for page i. */
  public Var[] page(int i) {
    return page[i];
  }

  public int pages() {
    return page.length;
  }

  /** The addresses the table translates, for a TLBI sized to it. */
  public AddressRange range() {
    return AddressRange.of(0, page.length);
  }

  /** Whether CPU {@code cpu}'s TLB translates page {@code i} without a walk. */
  public boolean hit(Ctx c, int cpu, int i) {
    return c.load(page[i][cpu]) != Tlb.EMPTY;
  }

  /**
   * CPU {@code cpu} walks for page {@code i}: the table from the walk cache, or from {@code e}
   * (caching it); a freed table fails {@code freedWalk}; a valid entry fills the TLB.
   */
  public Walk walk(Ctx c, int cpu, int i, StepAssertion freedWalk) {
    if (tlbs.walkTable(c, psc, cpu, e, v -> v == E_TABLE ? 0 : -1) < 0) {
      return Walk.NOT_TABLE;
    }
    if (pt.freed(c)) {
      c.fail(freedWalk, "vcpu" + cpu + " walks pt through its walk cache after pt was freed");
      return Walk.FREED;
    }
    if (pt.walkEntry(c, i, page[i][cpu]) != PTE_VALID) {
      return Walk.FAULT;
    }
    c.store(page[i][cpu], 1);
    return Walk.FILLED;
  }
}
