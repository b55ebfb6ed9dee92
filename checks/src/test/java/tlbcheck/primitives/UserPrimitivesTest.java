package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.junit.ModelAssertions;
import tlbcheck.kernel.Counter;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.result.Verdict;

/**
 * Primitives a user reaching for a real race asked for: a page table whose entries start at
 * different values, a fixed-width counter that wraps as C's do, and lock steps under the
 * kernel's own labels.
 */
class UserPrimitivesTest {
  /** A table whose first entry starts VALID and second INVALID prints and reads them so. */
  @Test
  void aPageTableEntriesCanStartApart() {
    ModelBuilder m = Model.builder("test", "mixed", "race");
    PageTable pt = PageTable.declare(m, "pt", new String[] {"VALID", "INVALID"},
        new int[] {0, 1}, 1, 1);
    m.thread("reader").step("read pt", c -> pt.entry(c, 0));
    m.invariant("MIXED", "entry 0 VALID, entry 1 INVALID",
        r -> pt.entry(r, 0) == 0 && pt.entry(r, 1) == 1 ? null : "entries changed");
    Model model = m.build();
    assertEquals("LIVE ref=1 [VALID,INVALID]",
        pt.var().domain().name(model.vars().get(pt.var().id()).initial()));
    ModelAssertions.assertSafe(model);
    ModelBuilder bad = Model.builder("test", "mixed", "race");
    ModelError e = assertThrows(ModelError.class, () -> PageTable.declare(bad, "pt",
        new String[] {"VALID", "INVALID"}, new int[] {0, 2}, 1, 1));
    assertTrue(e.getMessage().contains("starts an entry at 2"), e.getMessage());
  }

  /**
   * A 2-bit counter incremented four times from 0 is back at 0, so a flusher that compares it
   * with a snapshot taken before the increments sees no change: the truncation bug of a counter
   * kept in too few bits, which the checker finds.
   */
  @Test
  void aNarrowCounterWrapsAndHidesTheIncrements() {
    ModelBuilder m = Model.builder("test", "wrap", "race");
    Counter dirty = Counter.declare(m, "tlbs_dirty", 2, 0);
    ThreadBuilder t = m.thread("invlpg");
    for (int i = 0; i < 4; i++) {
      t.step("tlbs_dirty++", dirty::inc);
    }
    m.finalProperty("SEEN", "the increments show in the counter",
        r -> r.load(dirty.var()) != 0 ? null : "four increments wrapped tlbs_dirty back to 0");
    Verdict.Violated v = ModelAssertions.assertViolates("SEEN", m.build());
    assertEquals(4, v.trace().steps().size());
    ModelBuilder narrow = Model.builder("test", "truncate", "race");
    Counter c = Counter.declare(narrow, "gen", 3, 0);
    narrow.thread("t").step("gen = 13", x -> c.set(x, 13));
    narrow.finalProperty("LOW", "gen keeps the low 3 bits of 13",
        r -> r.load(c.var()) == 5 ? null : "gen = " + r.load(c.var()));
    ModelAssertions.assertSafe(narrow.build());
  }

  /** Lock steps can carry the kernel's own words, and traces print them. */
  @Test
  void lockStepsCarryTheKernelsLabel() {
    ModelBuilder m = Model.builder("test", "labels", "race");
    RwLock mmuLock = RwLock.declare(m, "mmu_lock", 2, 1);
    Spinlock pages = Spinlock.declare(m, "tdp_mmu_pages_lock");
    m.thread("zapper").then(mmuLock.readLock())
        .then(mmuLock.readUnlock("cond_resched_rwlock_read(&kvm->mmu_lock): unlock"),
            mmuLock.readLock("cond_resched_rwlock_read(&kvm->mmu_lock): lock"))
        .then(pages.lock("spin_lock(&kvm->arch.tdp_mmu_pages_lock)"))
        .then(pages.unlock("spin_unlock(&kvm->arch.tdp_mmu_pages_lock)"))
        .then(mmuLock.readUnlock());
    m.finalProperty("HELD", "the locks end held", r -> "the zapper released them");
    Verdict.Violated v = ModelAssertions.assertViolates("HELD", m.build());
    assertEquals(List.of("read_lock(mmu_lock)",
        "cond_resched_rwlock_read(&kvm->mmu_lock): unlock",
        "cond_resched_rwlock_read(&kvm->mmu_lock): lock",
        "spin_lock(&kvm->arch.tdp_mmu_pages_lock)", "spin_unlock(&kvm->arch.tdp_mmu_pages_lock)",
        "read_unlock(mmu_lock)"), v.trace().steps().stream().map(s -> s.label()).toList());
  }
}
