package tlbcheck.catalogue.m4;

import java.util.List;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Order;
import tlbcheck.model.ThreadBuilder;

/**
 * M4-unmap, the stage-2 unmap walk with deferred TLBI (PROTOCOLS.md M4, second scenario; S4
 * patch 12, "KVM: arm64: Use TLBI range-based instructions for unmap", Raghavendra Rao Ananta,
 * 2023): instead of a TLBI by IPA per page, the walk invalidates the whole range once at its
 * end, which is safe only while the host frees the data pages after that TLBI (P1, as in M1).
 *
 * <p>Choices this file makes where the catalogue leaves one: the vCPUs touch only the pages of
 * the range being unmapped (an access outside it plays no part here); the table page itself
 * keeps the reference of its table entry and is not freed.
 */
public final class UnmapRangeTlbi extends Protocol {

  public UnmapRangeTlbi() {
    super("m4-unmap", "stage-2 unmap walk with deferred range TLBI (arm64; S4)",
        List.of("unmap"), UnmapVariant.ALL.stream().map(UnmapVariant::variant).toList());
  }

  /**
   * The unmapper's zap, TLBI and free against vCPU 0's accesses; vCPU 1 accesses once the race
   * is over.
   */
  /** sc and arm64, where its code runs (PROTOCOLS.md "Memory models and ordering variants"). */
  @Override
  public List<String> memoryModels() {
    return List.of("sc", "arm64");
  }


  @Override
  public List<Race> races(Params params) {
    return List.of(new Race("unmap", "the unmapper's zap, range TLBI and free against a vCPU's "
        + "accesses", "unmap", List.of("P1"), List.of(), List.of("unmapper"), List.of("vcpu(0)"),
        Race.concat(List.of("vcpu(1)"), Race.numbered("vcpu", 2, params.n()))));
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    int n = params.n();
    int k = params.k();
    ModelBuilder m = Model.builder("m4-unmap", variant, scenario).param("N", n).param("K", k)
        .param("A", params.a());
    Stage2 s2 = new Stage2(m, n, k, false);
    writeUnmapper(m.thread("unmapper"), s2, codeOf(UnmapVariant.ALL, UnmapVariant::variant,
        variant));
    for (int c = 0; c < n; c++) {
      s2.writeVcpu(m.thread("vcpu(" + c + ")"), c, params.a(), false);
    }
    m.invariant("P1", "no TLB holds a FREED frame", "stale-tlb", r -> {
      for (int i = 0; i < k; i++) {
        if (r.load(s2.frame[i]) != Stage2.FREED) {
          continue;
        }
        for (int c = 0; c < n; c++) {
          if (r.load(s2.page[i][c]) != Tlb.EMPTY) {
            return "vcpu" + c + "'s TLB maps frame" + i + " after the host freed it";
          }
        }
      }
      return null;
    });
    return m.build();
  }

  /** kvm_pgtable_stage2_unmap() over the range, then the host frees the data pages. */
  private static void writeUnmapper(ThreadBuilder t, Stage2 s2, UnmapVariant variant) {
    for (int i = 0; i < s2.k; i++) {
      int pte = i;
      t.step("kvm_clear_pte(pte[" + i + "])", Order.ONCE,
          c -> s2.pt.setEntry(c, pte, Stage2.PTE_INVALID));
      variant.cleared(t, s2, i);
    }
    variant.walked(t, s2);
  }

  static void put(ThreadBuilder t, Stage2 s2) {
    t.refcount("put_page(pt)", c -> s2.pt.put(c));
  }

  /**
   * The deferred TLBI, kvm_tlb_flush_vmid_range(): dsb(ishst), one TLBI RIPAS2E1IS on every
   * CPU over every page of the range, at every level, so it drops the walk cache too, and
   * dsb(ish) if {@code dsbAfter} (__kvm_tlb_flush_vmid_range's; its isb() orders only the host
   * CPU's own walks, which the model does not make).
   */
  static void rangeTlbi(ThreadBuilder t, Stage2 s2, boolean dsbAfter) {
    t.barrier("dsb(ishst)");
    s2.tlbs.tlbiRange(t, c -> "TLBI RIPAS2E1IS range: cpu" + c, s2.table.range(),
        Tlb.Scope.ALL_LEVELS, s2.tlbi);
    if (dsbAfter) {
      t.barrier("dsb(ish)");
    }
  }

  static void freeAll(ThreadBuilder t, Stage2 s2) {
    for (int i = 0; i < s2.k; i++) {
      free(t, s2, i);
    }
  }

  static void free(ThreadBuilder t, Stage2 s2, int i) {
    t.step("put_page(frame" + i + "): FREED", c -> c.store(s2.frame[i], Stage2.FREED));
  }
}
