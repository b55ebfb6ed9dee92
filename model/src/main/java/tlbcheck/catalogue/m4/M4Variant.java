package tlbcheck.catalogue.m4;

import static tlbcheck.catalogue.m4.Coalescer.breakEntry;
import static tlbcheck.catalogue.m4.Coalescer.clean;
import static tlbcheck.catalogue.m4.Coalescer.install;
import static tlbcheck.catalogue.m4.Coalescer.tlbiPage;
import static tlbcheck.catalogue.m4.Coalescer.tlbiRange;
import static tlbcheck.catalogue.m4.Coalescer.tlbiVmall;
import static tlbcheck.catalogue.m4.Coalescer.unmapAndFree;

import java.util.List;
import tlbcheck.model.Expectation;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Variant;

/**
 * A variant of M4 as its patch: the coalescer's sequence, one step per item of PROTOCOLS.md's
 * table, read top to bottom as the kernel code runs it, and the expected verdict. Each record
 * is one variant's whole change (STYLE.md 13).
 */
sealed interface M4Variant {
  /** Every variant, in catalogue order. */
  List<M4Variant> ALL = List.of(BbmVmall.AS_WRITTEN, RfcBlockFirst.AS_WRITTEN,
      new RfcMissingPut(), new RfcNoCmo(), new BbmRange(), new RangeTooSmall(), new NoBbm(),
      BbmVmall.NO_DSB_BEFORE, BbmVmall.NO_DSB_AFTER, RfcBlockFirst.PLAIN_STORE);

  Variant variant();

  /** stage2_map_walk_table_pre and what follows it, in this variant's order. */
  void coalesce(ThreadBuilder t, Stage2 s2);

  /**
   * Break-before-make as the architecture asks, with a TLBI of the whole VMID between its two
   * DSBs; {@code bbm-no-dsb-before-tlbi} and {@code bbm-no-dsb-after-tlbi} (S3,
   * __kvm_tlb_flush_vmid) each drop one, which only arm64 notices (explained with their traces
   * in Arm64TracesTest).
   */
  record BbmVmall(Variant variant, boolean dsbBefore, boolean dsbAfter) implements M4Variant {
    static final BbmVmall AS_WRITTEN = new BbmVmall(Variant.of("bbm-vmall", "break, TLBI "
        + "VMALLS12E1IS, unmap the pages, free the table, clean, then the block",
        Expectation.safe("break-before-make as the architecture asks; a long invalid window")),
        true, true);
    static final BbmVmall NO_DSB_BEFORE = new BbmVmall(Variant.of("bbm-no-dsb-before-tlbi",
        "bbm-vmall without the dsb(ishst) between kvm_set_invalid_pte(e) and the TLBI",
        Expectation.safe("under sc the barrier does nothing"))
        .in("coalesce", "arm64", Expectation.violation("P4b", "the TLBI completes before the "
            + "break reaches memory; a walk after it reads the old table entry and walks the "
            + "table after it is freed")), false, true);
    static final BbmVmall NO_DSB_AFTER = new BbmVmall(Variant.of("bbm-no-dsb-after-tlbi",
        "bbm-vmall without the dsb(ish) after the TLBI, before the unmap and the block install",
        Expectation.safe("under sc the barrier does nothing"))
        .in("coalesce", "arm64", Expectation.violation("P4b", "the TLBI has not completed when "
            + "the table is freed; a walk reads the old table entry and walks the freed "
            + "table")), true, false);

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiVmall(t, s2, dsbBefore, dsbAfter);
      unmapAndFree(t, s2, true);
      clean(t, s2);
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
    }
  }

  /**
   * S3 (Yanan Wang's RFC): the block installed right after the TLBI and the clean, with
   * smp_store_release; {@code rfc-plain-store} installs it with WRITE_ONCE instead.
   */
  record RfcBlockFirst(Variant variant, String installLabel) implements M4Variant {
    static final RfcBlockFirst AS_WRITTEN = new RfcBlockFirst(Variant.of("rfc-block-first",
        "S3: break, TLBI VMALLS12E1IS, clean, the block, then unmap the pages and free the "
            + "table", Expectation.safe("break, TLBI and clean all come before the block; the "
                + "old table is unreachable before it is freed")),
        "smp_store_release(e, BLOCK)");
    static final RfcBlockFirst PLAIN_STORE = new RfcBlockFirst(Variant.of("rfc-plain-store",
        "rfc-block-first with WRITE_ONCE(e, BLOCK) instead of smp_store_release",
        Expectation.safe("under sc a release is a plain store; under arm64 the dcache clean's "
            + "dsb sy already orders the clean, and the TLBI's dsb(ish) the break, before the "
            + "block")), "WRITE_ONCE(e, BLOCK)");

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiVmall(t, s2);
      clean(t, s2);
      install(t, s2, installLabel);
      unmapAndFree(t, s2, true);
    }
  }

  /** rfc-block-first without put_page(anchor): the table page keeps a reference. */
  record RfcMissingPut() implements M4Variant {
    public Variant variant() {
      return Variant.of("rfc-missing-put", "rfc-block-first without put_page(anchor)",
          Expectation.violation("P4c", "without put_page(anchor) the table page keeps one "
              + "reference and is never freed"));
    }

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiVmall(t, s2);
      clean(t, s2);
      install(t, s2, "smp_store_release(e, BLOCK)");
      unmapAndFree(t, s2, false);
    }
  }

  /** rfc-block-first without the dcache clean (Alexandru Elisei's review of S3). */
  record RfcNoCmo() implements M4Variant {
    public Variant variant() {
      return Variant.of("rfc-no-cmo", "rfc-block-first without the dcache clean",
          Expectation.violation("P4d", "a vCPU reads through the block before the host's data "
              + "reached memory"));
    }

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiVmall(t, s2);
      install(t, s2, "smp_store_release(e, BLOCK)");
      unmapAndFree(t, s2, true);
    }
  }

  /** S4: bbm-vmall with a range TLBI sized to the block, which spares entries outside it. */
  record BbmRange() implements M4Variant {
    public Variant variant() {
      return Variant.of("bbm-range", "bbm-vmall with a range TLBI sized to the block",
          Expectation.safe("the range TLBI covers every page entry, the block entry and the "
              + "walk cache; entries outside the block survive"));
    }

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiRange(t, s2);
      unmapAndFree(t, s2, true);
      clean(t, s2);
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
    }
  }

  /** bbm-range with the range sized at the page level: it misses the other pages. */
  record RangeTooSmall() implements M4Variant {
    public Variant variant() {
      return Variant.of("range-too-small", "bbm-range with the TLBI range sized at the page "
          + "level", Expectation.violation("P4a", "a page entry the TLBI did not cover "
              + "survives next to the block entry"));
    }

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      breakEntry(t, s2);
      tlbiPage(t, s2);
      unmapAndFree(t, s2, true);
      clean(t, s2);
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
    }
  }

  /** The block installed directly: no break, no TLBI, no clean. */
  record NoBbm() implements M4Variant {
    public Variant variant() {
      // Found by tlbcheck, not given by the catalogue; explained in M4TracesTest.
      return Variant.of("no-bbm", "the block installed directly, then unmap and free the "
          + "table", Expectation.violation("P4d", "the block is installed with no break, no "
              + "TLBI and no clean: a vCPU's first access through it reads a dirty page"));
    }

    public void coalesce(ThreadBuilder t, Stage2 s2) {
      install(t, s2, "WRITE_ONCE(e, BLOCK)");
      unmapAndFree(t, s2, true);
    }
  }
}
