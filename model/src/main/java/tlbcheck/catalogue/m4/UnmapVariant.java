package tlbcheck.catalogue.m4;

import java.util.List;
import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Expectation;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Variant;

/**
 * A variant of M4-unmap as its patch: what the unmap walk does after it clears each pte, and
 * what it and the host do once the walk is over; with its expected verdicts. Each record is one
 * variant's whole change (STYLE.md 13).
 */
sealed interface UnmapVariant {
  /** Every variant, in catalogue order. */
  List<UnmapVariant> ALL = List.of(new TlbiPerPage(), DeferredRange.AS_WRITTEN,
      new DeferredFreeEarly(), DeferredRange.NO_DSB);

  Variant variant();

  /** After kvm_clear_pte(pte[i]): the page's TLBI, if any, and put_page(pt). */
  void cleared(ThreadBuilder t, Stage2 s2, int i);

  /** After the walk: the deferred TLBI, if any, and the host freeing the data pages. */
  void walked(ThreadBuilder t, Stage2 s2);

  /** Before S4: a TLBI by IPA on every CPU after each pte is cleared. */
  record TlbiPerPage() implements UnmapVariant {
    public Variant variant() {
      return Variant.of("tlbi-per-page", "a TLBI by IPA on every CPU after each pte is "
          + "cleared", Expectation.safe("every page's TLBI comes before the free; K x N TLBI "
              + "steps"));
    }

    public void cleared(ThreadBuilder t, Stage2 s2, int i) {
      t.barrier("dsb(ishst)");
      s2.tlbs.tlbiRange(t, c -> "TLBI IPAS2E1IS page " + i + ": cpu" + c, AddressRange.page(i),
          Tlb.Scope.ALL_LEVELS, s2.tlbi);
      t.barrier("dsb(ish)");
      UnmapRangeTlbi.put(t, s2);
    }

    public void walked(ThreadBuilder t, Stage2 s2) {
      UnmapRangeTlbi.freeAll(t, s2);
    }
  }

  /**
   * S4 patch 12: one range TLBI at the end of the walk, then the host frees the pages; {@code
   * deferred-range-no-dsb} drops the dsb(ish) after the TLBI, which only arm64 notices
   * (explained with its trace in Arm64TracesTest).
   */
  record DeferredRange(Variant variant, boolean dsb) implements UnmapVariant {
    static final DeferredRange AS_WRITTEN = new DeferredRange(Variant.of("deferred-range",
        "S4: one range TLBI at the end of the walk, then the host frees the pages",
        Expectation.safe("the pages are freed after the one range TLBI; N TLBI steps")), true);
    static final DeferredRange NO_DSB = new DeferredRange(Variant.of("deferred-range-no-dsb",
        "deferred-range whose final range TLBI is not followed by dsb(ish) before the host "
            + "frees the pages", Expectation.safe("under sc the barrier does nothing"))
        .in("unmap", "arm64", Expectation.violation("P1", "the host frees a page while the "
            + "range TLBI has not completed on a vCPU whose TLB maps it")), false);

    public void cleared(ThreadBuilder t, Stage2 s2, int i) {
      UnmapRangeTlbi.put(t, s2);
    }

    public void walked(ThreadBuilder t, Stage2 s2) {
      UnmapRangeTlbi.rangeTlbi(t, s2, dsb);
      UnmapRangeTlbi.freeAll(t, s2);
    }
  }

  /** The deferred TLBI with each page freed inside the walk, before it. */
  record DeferredFreeEarly() implements UnmapVariant {
    public Variant variant() {
      return Variant.of("deferred-free-early", "the host frees each page inside the walk, "
          + "before the deferred range TLBI", Expectation.violation("P1", "a vCPU's TLB still "
              + "maps a page the host has freed: the range TLBI has not run yet"));
    }

    public void cleared(ThreadBuilder t, Stage2 s2, int i) {
      UnmapRangeTlbi.put(t, s2);
      UnmapRangeTlbi.free(t, s2, i);
    }

    public void walked(ThreadBuilder t, Stage2 s2) {
      UnmapRangeTlbi.rangeTlbi(t, s2, true);
    }
  }
}
