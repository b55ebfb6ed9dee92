package tlbcheck.catalogue.m4;

import java.util.List;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * M4, break-before-make block coalescing on arm64 stage 2 (PROTOCOLS.md M4; sources S3, "[RFC
 * PATCH 3/4] KVM: arm64: Install the block entry before unmapping the page mappings", Mar 2021,
 * Yanan Wang with review by Alexandru Elisei, and S4, "KVM: arm64: Add support for
 * FEAT_TLBIRANGE" v7, Jul 2023, Raghavendra Rao Ananta).
 *
 * <p>A stage-2 fault that maps a block where a table was (stage2_map_walk_table_pre) must
 * break before make: invalidate the table entry, TLBI so that no CPU keeps a page entry or the
 * table pointer, and only then install the block; the architecture forbids a TLB holding the
 * block and a page of it at once (P4a). S3 installs the block before unmapping the old pages,
 * to shorten the window in which vCPUs fault; Alexandru's review asked about the cache
 * maintenance and the table page's last reference (P4c, P4d). S4 replaces the VMID-wide TLBI
 * by a range TLBI, which leaves other mappings cached.
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>{@code dirty} is one variable, a set of pages: the cache clean of the block is one
 *       step, as the catalogue writes it.</li>
 *   <li>A miss on a block page that finds e INVALID, or finds the page's pte INVALID, is a
 *       translation fault: both count toward {@code faults}.</li>
 *   <li>{@code collateral} counts entries outside the block that a TLBI drops (each is a
 *       refill the vCPU pays for later).</li>
 * </ul>
 */
public final class BlockCoalescing extends Protocol {
  private static final List<Variant> VARIANTS = List.of(
      Variant.of("bbm-vmall", "break, TLBI VMALLS12E1IS, unmap the pages, free the table, "
          + "clean, then the block", Expectation.safe("break-before-make as the architecture "
              + "asks; a long invalid window")),
      Variant.of("rfc-block-first", "S3: break, TLBI VMALLS12E1IS, clean, the block, then "
          + "unmap the pages and free the table", Expectation.safe("break, TLBI and clean all "
              + "come before the block; the old table is unreachable before it is freed")),
      Variant.of("rfc-missing-put", "rfc-block-first without put_page(anchor)",
          Expectation.violation("P4c", "without put_page(anchor) the table page keeps one "
              + "reference and is never freed")),
      Variant.of("rfc-no-cmo", "rfc-block-first without the dcache clean",
          Expectation.violation("P4d", "a vCPU reads through the block before the host's data "
              + "reached memory")),
      Variant.of("bbm-range", "bbm-vmall with a range TLBI sized to the block",
          Expectation.safe("the range TLBI covers every page entry, the block entry and the "
              + "walk cache; entries outside the block survive")),
      Variant.of("range-too-small", "bbm-range with the TLBI range sized at the page level",
          Expectation.violation("P4a", "a page entry the TLBI did not cover survives next to "
              + "the block entry")),
      // Found by tlbcheck, not given by the catalogue; explained in M4TracesTest.
      Variant.of("no-bbm", "the block installed directly, then unmap and free the table",
          Expectation.violation("P4d", "the block is installed with no break, no TLBI and no "
              + "clean: a vCPU's first access through it reads a dirty page")));

  public BlockCoalescing() {
    super("m4", "break-before-make block coalescing and range TLBI (arm64 stage 2; S3, S4)",
        List.of("coalesce"), VARIANTS);
  }

  /**
   * The coalescer replacing the table with a block against vCPU 0's accesses; vCPU 1 accesses
   * once the race is over.
   */
  @Override
  public List<Race> races() {
    return List.of(new Race("coalesce", "the coalescer's table-to-block sequence against a "
        + "vCPU's accesses", "coalesce", List.of("P4a", "P4b", "P4c", "P4d"), List.of(),
        List.of("coalescer"), List.of("vcpu(0)"),
        List.of("vcpu(1)")));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    ModelBuilder m = Model.builder("m4", variant, scenario).param("N", params.n())
        .param("K", params.k()).param("A", params.a());
    Stage2 s2 = new Stage2(m, params.n(), params.k(), true);
    writeCoalescer(m.thread("coalescer"), s2, variant);
    for (int c = 0; c < params.n(); c++) {
      s2.writeVcpu(m.thread("vcpu(" + c + ")"), c, params.a(), true);
    }
    m.invariant("P4a", "no CPU holds block[c] and any page[c][i] at once", r -> {
      for (int c = 0; c < params.n(); c++) {
        if (r.load(s2.block[c]) == Tlb.EMPTY) {
          continue;
        }
        for (int i = 0; i < params.k(); i++) {
          if (r.load(s2.page[i][c]) != Tlb.EMPTY) {
            return "vcpu" + c + "'s TLB holds the block and page " + i + " of it: a TLB "
                + "conflict";
          }
        }
      }
      return null;
    });
    m.finalProperty("P4c", "at the end ref == 0 and pt is FREED", r -> s2.pt.ref(r) == 0
        && s2.pt.freed(r) ? null : "pt has ref = " + s2.pt.ref(r) + " and is "
        + (s2.pt.freed(r) ? "FREED" : "not freed: the table page leaks"));
    return m.build();
  }

  /** stage2_map_walk_table_pre and what follows it, in the variant's order. */
  private static void writeCoalescer(ThreadBuilder t, Stage2 s2, String variant) {
    boolean blockFirst = variant.startsWith("rfc-");
    if (variant.equals("no-bbm")) {
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
      unmapAndFree(t, s2, true);
      return;
    }
    t.step("kvm_set_invalid_pte(e)", c -> c.store(s2.e, Stage2.E_INVALID));
    switch (variant) {
      case "bbm-range":
        s2.tlbs.invalidateEach(t, c -> "TLBI RIPAS2E1IS block: cpu" + c, s2.tlbi,
            concat(s2.page, s2.block, s2.psc));
        break;
      case "range-too-small":
        s2.tlbs.invalidateEach(t, c -> "TLBI RIPAS2E1IS page: cpu" + c, s2.tlbi,
            s2.page[0], s2.psc);
        break;
      default:
        s2.tlbs.tlbiAll(t, c -> "TLBI VMALLS12E1IS: cpu" + c, null, s2.tlbi);
        break;
    }
    if (blockFirst) {
      if (!variant.equals("rfc-no-cmo")) {
        clean(t, s2);
      }
      install(t, s2, "smp_store_release(e, BLOCK)");
      unmapAndFree(t, s2, !variant.equals("rfc-missing-put"));
    } else {
      unmapAndFree(t, s2, true);
      clean(t, s2);
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
    }
  }

  private static Var[][] concat(Var[][] pages, Var[]... more) {
    Var[][] all = new Var[pages.length + more.length][];
    System.arraycopy(pages, 0, all, 0, pages.length);
    System.arraycopy(more, 0, all, pages.length, more.length);
    return all;
  }

  private static void install(ThreadBuilder t, Stage2 s2, String label) {
    t.step(label, c -> c.store(s2.e, Stage2.E_BLOCK));
  }

  private static void clean(ThreadBuilder t, Stage2 s2) {
    t.step("clean_dcache_guest_page(block)", c -> c.store(s2.dirty, 0));
  }

  /**
   * Unmap each page of the old table (pte = INVALID, then put_page: two steps), drop the
   * anchor's reference (unless {@code putAnchor} is false), and free the table page at ref 0.
   */
  private static void unmapAndFree(ThreadBuilder t, Stage2 s2, boolean putAnchor) {
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
