package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tlbcheck.Golden;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.file.ModelFile;
import tlbcheck.kernel.Refcount;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Reg;
import tlbcheck.model.Role;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;
import tlbcheck.report.NecessityText;
import tlbcheck.result.NecessityRow.Finding;
import tlbcheck.result.NecessityRow;
import tlbcheck.result.NecessityTable;
import tlbcheck.result.Verdict;

/** Flush necessity: which steps a removal takes out, how a mutant is read, and the tables. */
class NecessityTest {
  private static NecessityTable run(Model m) throws Necessity.NotSafe {
    return Necessity.run(m, SearchConfig.defaults());
  }

  private static NecessityTable run(String model, String variant, String scenario)
      throws Necessity.NotSafe {
    return run(Catalogue.protocol(model).build(variant, scenario, Params.DEFAULT));
  }

  /**
   * A lock goes with every release up to the thread's next acquire of it (an early exit has
   * its own unlock), an rwlock's queue and take are one acquire, and a step without a role is
   * never removed.
   */
  @Test
  void aLockIsRemovedWithItsReleasesAndTheRestOneStepAtATime() {
    ModelBuilder m = Model.builder("test", "removals", "race");
    Spinlock lock = Spinlock.declare(m, "lock");
    RwLock rw = RwLock.declare(m, "rw", 1, 1);
    Var x = m.var("x", Domain.range(1), 0);
    ThreadBuilder t = m.thread("T");
    Label out = t.label();
    Label done = t.label();
    t.then(lock.lock());                                       // 0
    t.step("if (x) goto out", c -> {                    // 1
      if (c.load(x) == 1) {
        c.jump(out);
      }
    });
    t.step("x = 1", c -> c.store(x, 1));                // 2
    t.then(lock.unlock());                                     // 3
    t.step("goto done", c -> c.jump(done));             // 4
    t.place(out);
    t.then(lock.unlock());                                     // 5
    t.place(done);
    t.then(rw.writeLock());                                    // 6, 7
    t.barrier("smp_mb()");                              // 8
    t.then(rw.writeUnlock());                                  // 9
    t.then(lock.lock());                                       // 10
    t.then(lock.unlock());                                     // 11
    m.invariant("ANY", "holds", rd -> null);
    Model model = m.build();

    List<Removal> removals = Removal.of(model);

    assertEquals(List.of(new Removal(0, List.of(0, 3, 5), Role.ACQUIRE),
        new Removal(0, List.of(6, 7, 9), Role.ACQUIRE),
        new Removal(0, List.of(8), Role.BARRIER),
        new Removal(0, List.of(10, 11), Role.ACQUIRE)), removals);
    assertEquals("spin_lock(lock) .. spin_unlock(lock) (2 releases)",
        removals.get(0).describe(model));
    assertEquals("write_lock(rw): queue .. write_unlock(rw)", removals.get(1).describe(model));
  }

  /**
   * The lost update under a lock: without A's lock, both threads can read x = 0 before either
   * writes, so an increment is lost; the smp_mb() between the two critical sections orders
   * nothing on sequentially consistent memory.
   */
  @Test
  void aLockThatPreventsALostUpdateIsNeededAndABarrierIsNotUnderSc() throws Exception {
    ModelBuilder m = Model.builder("test", "locked-increment", "race");
    Spinlock lock = Spinlock.declare(m, "lock");
    Var x = m.var("x", Domain.range(2), 0);
    for (String name : new String[] {"A", "B"}) {
      ThreadBuilder t = m.thread(name);
      Reg r = t.reg("r", Domain.range(2), 0);
      t.then(lock.lock());
      t.step("r = x", c -> c.set(r, c.load(x)));
      t.step("x = r + 1", c -> c.store(x, c.get(r) + 1));
      t.then(lock.unlock());
      t.barrier("smp_mb()");
    }
    m.finalProperty("TWO", "both increments land", rd -> rd.load(x) == 2 ? null
        : "x = " + rd.load(x) + ": an increment was lost");

    NecessityTable table = run(m.build());

    assertEquals(4, table.rows().size());
    NecessityRow lockA = table.rows().get(0);
    assertEquals(Finding.NEEDED, lockA.finding());
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, lockA.verdict());
    assertEquals("TWO", v.property());
    assertEquals("(removed) spin_lock(lock)", v.trace().steps().get(0).label());
    assertEquals(Finding.UNNECESSARY_UNDER_SC, table.rows().get(1).finding());
    assertEquals(1, table.ends());
  }

  /**
   * A get that a put relies on: without A's get, A's put and B's put drop two references of a
   * count that holds one, and the second drops it below zero, a step rule (refcount_t WARNs).
   * A's put removed instead leaks a reference: the count ends at 1, where the protocol always
   * ends at 0, and no property looks at it.
   */
  @Test
  void aGetThatAPutReliesOnIsNeededAndALeakIsAMissingProperty() throws Exception {
    ModelBuilder m = Model.builder("test", "get-put", "race");
    Var ref = m.var("ref", Domain.range(2), 1);
    ThreadBuilder a = m.thread("A");
    a.refcount("get(ref)", c -> Refcount.inc(c, ref));
    a.refcount("put(ref)", c -> Refcount.decAndTest(c, ref));
    m.thread("B").refcount("put(ref)", c -> Refcount.decAndTest(c, ref));
    m.invariant("ANY", "holds", rd -> null);

    List<NecessityRow> rows = run(m.build()).rows();

    assertEquals(List.of(Finding.NEEDED_MODEL_ERROR, Finding.UNNECESSARY_LIKELY_MISSING_PROPERTY,
        Finding.UNNECESSARY_LIKELY_MISSING_PROPERTY), rows.stream().map(NecessityRow::finding)
        .toList());
    assertTrue(rows.get(0).detail().contains("refcount ref drops below 0"), rows.get(0).detail());
    assertTrue(rows.get(1).detail().endsWith("(ref = 1)"), rows.get(1).detail());
  }

  /**
   * M1 eager, race scenario: vCPU 0 runs no guest, so no flush of its TLB ever changes anything
   * (the model's gap, not the protocol's); sync's flush of vCPU 1 acts but is redundant,
   * because invlpg flushed before it dropped mmu_lock; invlpg's own flush of vCPU 1 is what P1
   * needs.
   */
  @Test
  void m1EagerReadsEachUnnecessaryFlushForWhatItIs() throws Exception {
    NecessityTable t = run("m1", "eager", "race");

    assertEquals(List.of(Finding.NEEDED, Finding.UNNECESSARY_NEVER_ACTS, Finding.NEEDED,
        Finding.UNNECESSARY_NEVER_ACTS, Finding.UNNECESSARY_NEVER_ACTS,
        Finding.UNNECESSARY_LIKELY_PROTOCOL, Finding.NEEDED, Finding.UNNECESSARY_NEVER_ACTS,
        Finding.NEEDED), t.rows().stream().map(NecessityRow::finding).toList());
    assertEquals("invlpg flush(1)", t.rows().get(2).thread() + " " + t.rows().get(2).removed());
  }

  /**
   * M3 flush-per-removal: without the grace period the callback frees the table at once, while
   * the reader is still inside its critical section; P3 breaks in three steps.
   */
  @Test
  void m3WithoutTheGracePeriodFreesUnderTheReader() throws Exception {
    NecessityRow gp = run("m3", "flush-per-removal", "zap").rows().stream()
        .filter(r -> r.role().equals("grace period")).findFirst().orElseThrow();

    assertEquals("breaks P3 (3 steps)", gp.result());
  }

  /**
   * Under x86 a barrier is judged by the memory model: in SB+mb+mb each smp_mb() (MFENCE) is
   * needed, since without it a load passes the store buffered before it; in MP+wmb+rmb neither
   * barrier is, since x86-TSO keeps stores in order and loads in order, and the row says why.
   */
  @Test
  void underX86TheBarriersStoreBufferingNeedsAreNeededAndTheOthersAreNot() throws Exception {
    SearchConfig x86 = SearchConfig.defaults().withMemory(MemoryModel.X86);
    NecessityTable sb = Necessity.run(litmus("SB+mb+mb"), x86);
    assertEquals(List.of(Finding.NEEDED, Finding.NEEDED),
        sb.rows().stream().map(NecessityRow::finding).toList());
    NecessityTable mp = Necessity.run(litmus("MP+wmb+rmb"), x86);
    assertEquals(List.of(Finding.UNNECESSARY_ON_THIS_MEMORY, Finding.UNNECESSARY_ON_THIS_MEMORY),
        mp.rows().stream().map(NecessityRow::finding).toList());
    assertTrue(mp.rows().get(0).detail().contains("smp_wmb() is a compiler barrier there"),
        mp.rows().get(0).detail());
    assertEquals(List.of(Finding.UNNECESSARY_UNDER_SC, Finding.UNNECESSARY_UNDER_SC),
        Necessity.run(litmus("MP+wmb+rmb"), SearchConfig.defaults()).rows().stream()
            .map(NecessityRow::finding).toList());
  }

  private static Model litmus(String name) {
    return ModelFile.read(Path.of("src/test/resources/litmus", name + ".litmus"))
        .model();
  }

  @Test
  void anUnsafeModelIsRefused() {
    Model m = Catalogue.protocol("m1").build("avi-v3", "race", Params.DEFAULT);

    Necessity.NotSafe e = assertThrows(Necessity.NotSafe.class, () -> run(m));
    assertTrue(e.getMessage().contains("violates P1"), e.getMessage());
  }

  /**
   * Every safe variant of the catalogue, in every scenario it is safe in, at the default
   * parameters: the table and each break's shortest trace, pinned byte for byte. Every row is
   * decided (no limit stops a mutant), and every variant has at least one needed step.
   */
  @TestFactory
  Stream<DynamicTest> everySafeVariantsTableIsPinned() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Protocol p : Catalogue.all()) {
      for (Variant v : p.variants()) {
        for (String s : p.safeScenarios(v.id())) {
          String name = p.id() + "-" + v.id() + "-" + s;
          tests.add(DynamicTest.dynamicTest(name, () -> {
            NecessityTable t = run(p.id(), v.id(), s);
            assertFalse(t.rows().stream().anyMatch(r -> r.finding() == Finding.INCOMPLETE));
            assertTrue(t.rows().stream().anyMatch(r -> r.finding().needed()), name);
            Golden.assertMatches("necessity/" + name + ".txt", NecessityText.render(t));
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void theSameModelGivesTheSameBytes() throws Exception {
    assertEquals(NecessityText.render(run("m4", "bbm-range", "coalesce")),
        NecessityText.render(run("m4", "bbm-range", "coalesce")));
  }
}
