package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.Golden;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.Reductions;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.result.Verdict;
import tlbcheck.suite.Models;

/**
 * Where Armv8 lets a litmus test do what x86 does not, each verdict backed by the rule of the
 * architecture (herd/libdir/aarch64.cat; the model is ArmRules), and the trace that shows it
 * pinned in golden/arm64/.
 */
class ArmTracesTest {
  private static final SearchConfig ARM64 =
      SearchConfig.defaults().withMemory(MemoryModel.ARM64);

  private static CheckResult check(String test, SearchConfig config) {
    return Explorer.check(ModelFile.read(LitmusConformanceTest.DIR.resolve(test + ".litmus"))
        .model(), config);
  }

  /**
   * Message passing with smp_rmb() on the reader alone: the writer's two stores are not
   * ordered (aarch64.cat has no [W]; po; [W] edge without a DMB ISHST or a release), so y = 1
   * reaches memory before x = 1, the reader sees y = 1, and its DMB ISHLD orders its load of x
   * after its load of y, but not after a write it has not seen. The trace shows each store
   * waiting in P0, reaching memory as a row of its own in the other order, and the load of x
   * read early (x = 1 is already in memory; P1's views allow the older write).
   */
  @Test
  void storesReachMemoryOutOfOrder() {
    assertInstanceOf(Verdict.Safe.class, check("MP+po+rmb", SearchConfig.defaults()
        .withMemory(MemoryModel.X86)).verdict());
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
        check("MP+po+rmb", ARM64).verdict());
    Golden.assertMatches("arm64/MP+po+rmb.txt", ResultText.counterexample(v));
  }

  /**
   * Load buffering: each CPU loads and then stores, with nothing ordering the two (aarch64.cat
   * orders a read before a later write only by a dependency, a barrier, an acquire or a
   * release; "ob" has no other [R]; po; [W] edge), so each store reaches memory before the
   * other CPU's load has read, and both loads read 1. The trace shows P0's load issued to read
   * later (a row of its own, "read x" waiting in P0), its store reaching memory, P1's load
   * reading it, and P0's load reading as a row of its own at the end. The schedule replays to
   * the same trace. With a data dependency (LB+data+data) or DMBs (LB+mb+mb) it cannot happen.
   */
  @Test
  void aLoadReadsAfterALaterStoreReachedMemory() {
    assertInstanceOf(Verdict.Safe.class, check("LB", SearchConfig.defaults()
        .withMemory(MemoryModel.X86)).verdict());
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, check("LB", ARM64).verdict());
    String text = ResultText.counterexample(v);
    Golden.assertMatches("arm64/LB.txt", text);
    Models lb = Models.load(List.of(LitmusConformanceTest.DIR.resolve("LB.litmus")));
    assertEquals(text, ResultText.replayed(lb.replay(Schedule.parse(text))));
    assertInstanceOf(Verdict.Safe.class, check("LB+data+data", ARM64).verdict());
    assertInstanceOf(Verdict.Safe.class, check("LB+mb+mb", ARM64).verdict());
  }

  /** The same trace with two workers, byte for byte. */
  @Test
  void theTraceIsTheSameWithTwoWorkers() {
    Verdict.Violated one = assertInstanceOf(Verdict.Violated.class,
        check("MP+po+rmb", ARM64).verdict());
    Verdict.Violated two = assertInstanceOf(Verdict.Violated.class,
        check("MP+po+rmb", ARM64.withWorkers(2).withSlice(16)).verdict());
    assertEquals(ResultText.counterexample(one), ResultText.counterexample(two));
  }

  /**
   * With smp_wmb() (DMB ISHST: [W]; po; [dmb.st]; po; [W]) and smp_rmb() ([R]; po; [dmb.ld];
   * po) message passing holds; with a release store and smp_rmb() too ([M]; po; [L]), and with
   * smp_wmb() and an address dependency (dob: addr).
   */
  @Test
  void barriersReleasesAndDependenciesRestoreMessagePassing() {
    assertInstanceOf(Verdict.Safe.class, check("MP+wmb+rmb", ARM64).verdict());
    assertInstanceOf(Verdict.Safe.class, check("MP+rel+rmb", ARM64).verdict());
    assertInstanceOf(Verdict.Safe.class, check("MP+wmb+addr", ARM64).verdict());
  }

  /**
   * xchg is SWPAL: its write orders every later access after it (aarch64.cat, bob:
   * [range([A]; amo; [L])]; po), so SB+xchg+xchg is forbidden; a cmpxchg that fails writes
   * nothing, so it orders nothing before it and SB+cmpxchgfail+cmpxchgfail is allowed.
   */
  @Test
  void anAcquireReleaseExchangeOrdersWhatFollowsItsWrite() {
    assertInstanceOf(Verdict.Safe.class, check("SB+xchg+xchg", ARM64).verdict());
    assertInstanceOf(Verdict.Violated.class, check("SB+cmpxchgfail+cmpxchgfail", ARM64)
        .verdict());
  }

  /**
   * An arm64 trace replays: its changes column says that P1's second load read x early (x == 0
   * while memory holds 1), and the replay takes that read, to the same violation. Written by
   * hand without the column, the same steps read the newest write each load may, x == 1, and
   * break nothing; a column that asks for a read no choice makes is named.
   */
  @Test
  void anArmScheduleReplaysTheReadsItsTraceShows() throws Exception {
    String text = Files.readString(Path.of("src/test/resources/golden/arm64/MP+po+rmb.txt"));
    Models mp = Models.load(List.of(LitmusConformanceTest.DIR.resolve("MP+po+rmb.litmus")));
    assertEquals(text, ResultText.replayed(mp.replay(Schedule.parse(text))));
    String byHand = "# model MP+po+rmb  variant as-written  scenario race  memory arm64\n"
        + "P0: WRITE_ONCE(*x, 1)\nP0: WRITE_ONCE(*y, 1)\nP0: y = 1 (reaches memory)\n"
        + "P0: x = 1 (reaches memory)\nP1: r0 = READ_ONCE(*y)\nP1: smp_rmb()\n"
        + "P1: r1 = READ_ONCE(*x)\n";
    Replayed.NoViolation none = assertInstanceOf(Replayed.NoViolation.class,
        mp.replay(Schedule.parse(byHand)));
    assertTrue(none.finished());
    Replayed.Misfit m = assertInstanceOf(Replayed.Misfit.class, mp.replay(Schedule.parse(
        text.replace("x == 0 (read early: memory holds 1), P1.r1 = 0", "x == 7"))));
    assertEquals("P1's 'r1 = READ_ONCE(*x)' cannot change what the trace says (x == 7); here "
        + "it changes x == 1, P1.r1: 0 -> 1 or x == 0 (read early: memory holds 1), P1.r1 = 0",
        m.reason());
  }

  /**
   * The symmetry reduction under arm64: m2's vCPUs are copies of one another, and each moves
   * with its views, waiting writes and ISB view (its per-CPU variables are none). With it the
   * same property breaks, at the same depth, in fewer states.
   */
  @Test
  void symmetryKeepsTheVerdictUnderArm64() {
    Model m = Catalogue.protocol("m2").build("read-lock-no-recheck", "vcpus", Params.DEFAULT);
    CheckResult with = Explorer.check(m, ARM64);
    CheckResult without = Explorer.check(m, ARM64.withReductions(Reductions.NONE));
    Verdict.Violated a = assertInstanceOf(Verdict.Violated.class, with.verdict());
    Verdict.Violated b = assertInstanceOf(Verdict.Violated.class, without.verdict());
    assertEquals(b.property(), a.property());
    assertEquals(b.trace().steps().size(), a.trace().steps().size());
    assertTrue(with.stats().states() < without.stats().states(),
        with.stats().states() + " states with symmetry, " + without.stats().states()
            + " without");
  }

  /**
   * An allocation runs under the allocator's own lock: under arm64, as under x86, what it reads
   * is the newest and what it writes reaches memory at once. When its write waited in the CPU,
   * m2 read-lock broke P2b at once: vCPU 0 held the root it had just allocated while memory
   * still said FREE, a state no real allocator shows.
   */
  @Test
  void anAllocationIsPublishedAtOnce() {
    Model m = Catalogue.protocol("m2").build("read-lock", "vcpus", Params.DEFAULT);
    assertInstanceOf(Verdict.Safe.class, Explorer.check(m, ARM64).verdict());
  }
}
