package tlbcheck.catalogue.m4;

import java.util.List;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;

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

  public BlockCoalescing() {
    super("m4", "break-before-make block coalescing and range TLBI (arm64 stage 2; S3, S4)",
        List.of("coalesce"), M4Variant.ALL.stream().map(M4Variant::variant).toList());
  }

  /**
   * The coalescer replacing the table with a block against vCPU 0's accesses; vCPU 1 accesses
   * once the race is over.
   */
  /** sc and arm64, where its code runs (PROTOCOLS.md "Memory models and ordering variants"). */
  @Override
  public List<String> memoryModels() {
    return List.of("sc", "arm64");
  }


  @Override
  public List<Race> races(Params params) {
    return List.of(new Race("coalesce", "the coalescer's table-to-block sequence against a "
        + "vCPU's accesses", "coalesce", List.of("P4a", "P4b", "P4c", "P4d"), List.of(),
        List.of("coalescer"), List.of("vcpu(0)"),
        Race.concat(List.of("vcpu(1)"), Race.numbered("vcpu", 2, params.n()))));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    ModelBuilder m = Model.builder("m4", variant, scenario).param("N", params.n())
        .param("K", params.k()).param("A", params.a());
    Stage2 s2 = new Stage2(m, params.n(), params.k(), true);
    codeOf(M4Variant.ALL, M4Variant::variant, variant).coalesce(m.thread("coalescer"), s2);
    for (int c = 0; c < params.n(); c++) {
      s2.writeVcpu(m.thread("vcpu(" + c + ")"), c, params.a(), true);
    }
    m.invariant("P4a", "no CPU holds block[c] and any page[c][i] at once", "tlb-conflict", r -> {
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
    m.finalProperty("P4c", "at the end ref == 0 and pt is FREED", "table-leak",
        r -> s2.pt.ref(r) == 0 && s2.pt.freed(r) ? null : "pt has ref = " + s2.pt.ref(r)
            + " and is " + (s2.pt.freed(r) ? "FREED" : "not freed: the table page leaks"));
    return m.build();
  }
}
