package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tlbcheck.Golden;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.model.ModelError;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Verdict;

/**
 * Page-table pages in model files: {@code pgtable_t} with set_page_count, put_page_testzero
 * and free_page, a walk through a table entry into the per-page TLB entries and the walk
 * cache, and a TLBI by range, which drops exactly what its pages reach. The protocol is M3's
 * and M4's use after free: a table unmapped and freed while a CPU's walk cache still points at
 * it.
 */
class PageTableFilesTest {
  private static final String FREE = """
      C free-table
      {
        enum pmd_t { PMD_INVALID, TABLE(pt) };
        enum pte_t { PTE_INVALID, VALID(f0), VALID(f1) };
        enum pmd_t e = TABLE(pt);
        pgtable_t pt[2] = { VALID(f0), VALID(f1) };
        set_page_count(pt, 1);
        tlb_t tlb[2];
      }
      unmapper(enum pmd_t *e, pgtable_t *pt, tlb_t *tlb)
      {
        WRITE_ONCE(*e, PMD_INVALID);
        dsb(ishst);
        TLBI
        dsb(ish);
        if (put_page_testzero(pt))
          free_page(pt);
      }
      vcpu(1)(tlb_t *tlb, enum pmd_t *e)
      {
        access(tlb, e, 0);
        access(tlb, e, 1);
      }
      freed_walk P4b "no walk reads a FREED table"
      """;

  private static CheckResult check(String text, MemoryModel memory) {
    return Explorer.check(ModelFile.parse("free-table.litmus", text).model(),
        SearchConfig.defaults().withMemory(memory));
  }

  /**
   * A range TLBI drops a walk cache whose table translates any page of its range (Arm ARM
   * D8.13: TLBI RIPAS2E1IS invalidates cached walks of every level for the range), so one page
   * of the table's two is enough to stop the walk of the freed table; a range past the table,
   * a last-level TLBI (RIPAS2LE1IS, which drops leaf entries only), or no TLBI leaves the walk
   * cache, and vCPU 1's second access walks the freed table.
   * The state counts are those explored until the verdict, pinned so that a change to the walk
   * or to the TLBI's reach shows.
   */
  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({
      "'tlbi_range(0, 2);', SC, safe, 30", "'tlbi_range(0, 2);', ARM64, safe, 46",
      "'tlbi_range(1, 1);', SC, safe, 38", "'tlbi_all();', SC, safe, 30",
      "'tlbi_range(2, 1);', SC, P4b, 37", "'tlbi_range(2, 1);', ARM64, P4b, 55",
      "'', SC, P4b, 27", "'', ARM64, P4b, 27", "'tlbi_range_last_level(0, 2);', SC, P4b, 40"})
  void aRangeTlbiDropsTheWalkCacheOfTheTablesItReaches(String tlbi, MemoryModel memory,
      String verdict, long states) {
    CheckResult r = check(FREE.replace("TLBI", tlbi), memory);
    assertEquals(verdict, verdict(r));
    assertEquals(states, r.stats().states());
  }

  /**
   * The use after free, under sc: vCPU 1's first access walks e to pt and caches pt in its walk
   * cache; the unmapper clears e and, with no TLBI, drops the table's last reference and frees
   * it; vCPU 1's second access misses its TLB for page 1, takes pt from the walk cache without
   * reading e again, and walks the freed table.
   */
  @Test
  void aWalkCacheOutlivesItsTable() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        check(FREE.replace("TLBI", ""), MemoryModel.SC).verdict());
    Golden.assertMatches("files/free-table-no-tlbi.txt", ResultText.counterexample(v));
  }

  /** M3's shape: a lockless reader of the table against the zap that unlinks and frees it. */
  private static final String RCU = """
      C rcu-free-table
      {
        enum pmd_t { PMD_INVALID, TABLE(pt) };
        enum pte_t { PTE_INVALID, VALID(f0) };
        enum pmd_t e = TABLE(pt);
        pgtable_t pt[1] = { VALID(f0) };
      }
      reader(enum pmd_t *e, pgtable_t *pt)
      {
        enum pmd_t p;
        enum pte_t spte;
        rcu_read_lock();
        p = READ_ONCE(*e);
        if (p == TABLE(pt))
          spte = ptep_get(pt, 0);
        rcu_read_unlock();
      }
      zapper(enum pmd_t *e, pgtable_t *pt)
      {
        WRITE_ONCE(*e, PMD_INVALID);
        SYNC
        free_page(pt);
      }
      freed_walk P3 "no walker or reader reads a FREED pt"
      """;

  /**
   * A reader that found the table linked reads it inside its RCU read-side section; the zap
   * frees it only after synchronize_rcu(), which waits for that section, so the read never
   * finds it freed. Without the grace period the free can come between the reader's load of
   * e and its ptep_get: the use after free that tdp_mmu's RCU-deferred free of page tables
   * exists to prevent (PROTOCOLS.md M3).
   */
  @ParameterizedTest(name = "under {0}")
  @CsvSource({"SC", "X86", "ARM64"})
  void aGracePeriodKeepsTheTableForItsReaders(MemoryModel memory) {
    assertEquals("safe", verdict(check(RCU.replace("SYNC", "synchronize_rcu();"), memory)));
    assertEquals("P3", verdict(check(RCU.replace("SYNC", ""), memory)));
  }

  /**
   * The use after free without the grace period, under sc: the reader loads e while it still
   * points at pt, the zapper unlinks pt and frees it at once, and the reader's ptep_get reads
   * the freed page.
   */
  @Test
  void withoutAGracePeriodTheReaderReadsAFreedTable() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        check(RCU.replace("SYNC", ""), MemoryModel.SC).verdict());
    Golden.assertMatches("files/rcu-free-table-no-sync.txt", ResultText.counterexample(v));
  }

  /**
   * A TLBI that runs but reaches the leaf entries only: vCPU 1's first access fills page 0's
   * leaf and caches pt in its walk cache; the unmapper clears e and issues TLBI RIPAS2LE1IS
   * over both pages, which empties the leaf but, being last-level, leaves the walk cache; it
   * frees pt, and vCPU 1's access to page 1 takes pt from the walk cache and walks the freed
   * table.
   */
  @Test
  void aLastLevelTlbiLeavesTheWalkCache() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        check(FREE.replace("TLBI", "tlbi_range_last_level(0, 2);"), MemoryModel.SC).verdict());
    Golden.assertMatches("files/free-table-last-level-tlbi.txt", ResultText.counterexample(v));
  }

  private static String verdict(CheckResult r) {
    return r.verdict() instanceof Verdict.Violated v ? v.property() : "safe";
  }

  /** The message {@code text} is refused with, which must contain {@code expected}. */
  private static void assertRefused(String expected, String text) {
    String message = assertThrows(ModelError.class, () -> ModelFile.parse("t.litmus", text))
        .getMessage();
    assertTrue(message.contains(expected), message);
  }

  /** Each mistake is named with its place in the file (line and column) and what is wrong. */
  @Test
  void aMalformedPageTableIsRefusedAtItsPlace() {
    String free = FREE.replace("TLBI", "");
    assertRefused("t.litmus:16:7: put_page_testzero needs pt's refcount",
        free.replace("set_page_count(pt, 1);", ""));
    assertRefused("t.litmus:14:15: pt has entries 0..1, not 2",
        FREE.replace("TLBI", "set_pte(pt, 2, PTE_INVALID);"));
    assertRefused("entry 1 of pt starts at PMD_INVALID",
        free.replace("= { VALID(f0), VALID(f1) }", "= { VALID(f0), PMD_INVALID }"));
    assertRefused("'pt' is a page-table page: write it with set_pte(pt, i, v)",
        FREE.replace("TLBI", "WRITE_ONCE(*pt, 0);"));
    assertRefused("tlbi_range of 0 pages invalidates nothing",
        FREE.replace("TLBI", "tlbi_range(0, 0);"));
    assertRefused("t.litmus:7:26: set_page_count(pu, ...) names no pgtable_t",
        free.replace("set_page_count(pt, 1);", "set_page_count(pt, 1); set_page_count(pu, 1);"));
    assertRefused("pt maps pages 0..1 of its own, not 2",
        free.replace("access(tlb, e, 1)", "access(tlb, e, 2)"));
    assertRefused("'tlb' keeps its entries per page here", free.replace("freed_walk P4b",
        "invariant P1 \"t\" (~tlb[1]=f0)\nfreed_walk P4b"));
    assertRefused("freed_walk is a property of reads of a pgtable_t", "C t\n{ x=0; }\n"
        + "P0(int *x) { WRITE_ONCE(*x, 1); }\nfreed_walk P3 \"text\"\n");
    assertRefused("names no memory model", free.replace("C free-table",
        "C free-table\n(* Expected: safe\n Expected under power: safe *)"));
  }

  private static Verdict.Violated violated(String example, MemoryModel memory) {
    return assertInstanceOf(Verdict.Violated.class, Explorer.check(ModelFile.read(
        java.nio.file.Path.of("../model/examples", example)).model(),
        SearchConfig.defaults().withMemory(memory)).verdict());
  }

  /**
   * model/examples/m4-unmap-deferred-free-early under sc: vCPU 0's walk fills its TLB with
   * page 0 (frame f0) and caches the table; the unmapper clears both ptes and the host frees
   * f0 inside the walk, before the range TLBI, which has not run: vCPU 0's TLB maps a freed
   * frame.
   */
  @Test
  void freeingInsideTheWalkLeavesAStaleTranslation() {
    Golden.assertMatches("files/m4-unmap-deferred-free-early.txt",
        ResultText.counterexample(violated("m4-unmap-deferred-free-early.litmus",
            MemoryModel.SC)));
  }

  /**
   * model/examples/m4-unmap-deferred-range-no-dsb under arm64: the unmapper's pte writes reach
   * memory, it issues the range TLBI on both CPUs and, with no dsb(ish) to wait for the TLBI,
   * its store FREED reaches memory while the TLBI is still pending. vCPU 0's walk, which no
   * completed TLBI bounds, reads the old pte (the trace marks it: memory holds the new one)
   * and fills its TLB with the freed frame. Arm ARM D8.13.5 makes a TLBI's effect on other
   * CPUs certain only once a later DSB of the issuing CPU completes; the same shape is
   * model/examples/vmsa/VM-remap+DSB-TLBI+DSB-ISB, which herd7 allows.
   */
  @Test
  void withoutTheDsbTheHostFreesBeforeTheTlbiCompletes() {
    Golden.assertMatches("files/m4-unmap-deferred-range-no-dsb-arm64.txt",
        ResultText.counterexample(violated("m4-unmap-deferred-range-no-dsb.litmus",
            MemoryModel.ARM64)));
  }
}
