package tlbcheck.catalogue.m3;

import java.util.List;
import tlbcheck.model.CatalogueError;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;

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


  public RcuFreeing() {
    super("m3", "RCU-deferred page-table freeing (x86 TDP MMU zap; S2)",
        List.of("zap"), M3Variant.ALL.stream().map(M3Variant::variant).toList());
  }

  /**
   * sc and x86: the TDP MMU is x86 code.
   */
  @Override
  public List<String> memoryModels() {
    return List.of("sc", "x86");
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
  public List<Race> races(Params params) {
    return List.of(new Race("zap", "the zapper's zap, flush and call_rcu against a walker's "
        + "walk cache and the grace period's free", "zap", List.of("P3"), List.of(),
        List.of("zapper"), List.of("walker(0)", "rcu"), Race.concat(List.of("walker(1)",
            "reader"), Race.numbered("walker", 2, params.n()))));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    if (params.p() > 2) {
      throw new CatalogueError("model m3 takes P = 1 or 2 removed page tables, got " + params.p());
    }
    M3Variant code = codeOf(M3Variant.ALL, M3Variant::variant, variant);
    return new ZapModel(code, params).build();
  }
}
