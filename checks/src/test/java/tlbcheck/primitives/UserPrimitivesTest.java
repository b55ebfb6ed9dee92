package tlbcheck.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.junit.ModelAssertions;
import tlbcheck.kernel.AddressRange;
import tlbcheck.kernel.Counter;
import tlbcheck.kernel.PageTable;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.kernel.Stage2Table;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.result.Verdict;

/**
 * Primitives a user reaching for a real race asked for: a page table whose entries start at
 * different values, a fixed-width counter that wraps as C's do, lock steps under the kernel's
 * own labels, and the arm64 stage-2 walk with TLB entries tagged by address.
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

  /**
   * A user's unmap on the kernel's stage-2 helper: the unmapper clears pte[0], issues a TLBI
   * by IPA for {@code tlbiPage}, and frees frame 0, while vCPU 0 walks to page 0 once. A TLBI
   * for page 1 (a misaligned range) leaves vCPU 0's entry for page 0 after the free; a TLBI for
   * page 0 drops it, and the walk after the clear faults.
   */
  private static Model unmap(int tlbiPage) {
    ModelBuilder m = Model.builder("test", "unmap", "page " + tlbiPage);
    Tlb tlbs = Tlb.declare(m, 1);
    Stage2Table s2 = Stage2Table.declare(m, tlbs, 2);
    Var frame = m.var("frame0", Domain.of("IN_USE", "FREED"), 0);
    StepAssertion freedWalk = m.stepAssertion("FREED-WALK", "no walk reads a freed table");
    m.thread("vcpu(0)").hardware("access(page 0)", c -> {
      if (!s2.hit(c, 0, 0)) {
        s2.walk(c, 0, 0, freedWalk);
      }
    });
    ThreadBuilder t = m.thread("unmapper").step("kvm_clear_pte(pte[0])",
        c -> s2.table().setEntry(c, 0, Stage2Table.PTE_INVALID));
    tlbs.tlbiRange(t, c -> "TLBI IPAS2E1IS page " + tlbiPage, AddressRange.page(tlbiPage),
        Tlb.Scope.LAST_LEVEL, null);
    t.step("put_page(frame0)", c -> c.store(frame, 1));
    m.invariant("P1", "no TLB holds a FREED frame", r -> r.load(frame) == 1
        && r.load(s2.page(0)[0]) != Tlb.EMPTY ? "vcpu0 maps frame0 after it was freed" : null);
    return m.build();
  }

  /** The stage-2 walk of M4 as a helper: a TLBI for the wrong page is caught, the right one proved. */
  @Test
  void aStage2UnmapWithAMisalignedTlbiIsCaught() {
    ModelAssertions.assertViolates("P1", unmap(1));
    ModelAssertions.assertSafe(unmap(0));
  }
}
