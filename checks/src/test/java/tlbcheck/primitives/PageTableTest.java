package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tlbcheck.explorer.Explorer;
import tlbcheck.kernel.PageTable;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Verdict;

/**
 * The page-table page on its own (PROTOCOLS.md M4): entries, refcount and freed state are one
 * variable; put_page returns whether it dropped the last reference, exactly once; an underflow
 * and a double free are model errors naming the step.
 */
class PageTableTest {
  /**
   * Two unmappers each clear one entry and put its reference; the owner puts the anchor's. Each
   * frees the page if its put was the last. Whatever the order, the page ends FREED with ref 0
   * and both entries INVALID, freed exactly once (a second free would be a model error).
   */
  private static Model unmapConcurrently(int anchorPuts) {
    ModelBuilder m = Model.builder("test", "page-table", "unmap");
    PageTable pt = PageTable.declare(m, "pt", 2, new String[] {"VALID", "INVALID"}, 0, 3, 3);
    for (int i = 0; i < 2; i++) {
      int entry = i;
      ThreadBuilder t = m.thread("unmap" + i);
      putAndMaybeFree(t.step("pte[" + i + "] = INVALID", c -> pt.setEntry(c, entry, 1)), pt);
    }
    ThreadBuilder owner = m.thread("owner");
    for (int i = 0; i < anchorPuts; i++) {
      putAndMaybeFree(owner, pt);
    }
    m.finalProperty("GONE", "the page ends freed, unreferenced, with no valid entry",
        r -> pt.freed(r) && pt.ref(r) == 0 && pt.entry(r, 0) == 1 && pt.entry(r, 1) == 1
            ? null : "pt = " + pt.var().domain().name(r.load(pt.var())));
    return m.build();
  }

  private static void putAndMaybeFree(ThreadBuilder t, PageTable pt) {
    t.step("if (put_page(pt)) free(pt)", c -> {
      if (pt.put(c)) {
        pt.free(c);
      }
    });
  }

  @Test
  void theLastPutFreesThePageExactlyOnce() {
    CheckResult r = Explorer.check(unmapConcurrently(1));
    assertInstanceOf(Verdict.Safe.class, r.verdict());
    // Each unmapper: 3 program counters; the owner: 2; all combinations are reachable.
    assertEquals(3 * 3 * 2, r.stats().states());
  }

  @Test
  void aPutWithoutAReferenceIsAModelError() {
    ModelError e = assertThrows(ModelError.class,
        () -> Explorer.check(unmapConcurrently(2)));
    assertEquals("model test/page-table/unmap: step 'if (put_page(pt)) free(pt)' of thread "
        + "owner breaks a rule: put_page(pt) drops its refcount below 0", e.getMessage());
  }
}
