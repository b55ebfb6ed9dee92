package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tlbcheck.Golden;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.report.ResultText;
import tlbcheck.suite.Models;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Replayed;
import tlbcheck.result.Schedule;
import tlbcheck.result.Verdict;

/**
 * Where x86-TSO lets a litmus test do what sequential consistency does not, and where it does
 * not: each verdict backed by the rule of the architecture, and the one trace that differs from
 * sc pinned in golden/x86/.
 */
class X86TracesTest {
  private static final SearchConfig X86 = SearchConfig.defaults().withMemory(MemoryModel.X86);

  private static CheckResult check(String test, SearchConfig config) {
    return Explorer.check(ModelFile.read(LitmusConformanceTest.DIR.resolve(test + ".litmus"))
        .model(), config);
  }

  /**
   * Store buffering: each CPU's store waits in its own FIFO store buffer while its load of the
   * other variable reads memory, so both loads see 0, which no interleaving allows. This is the
   * one reordering x86-TSO makes: a store followed by a load of another location (x86tso.cat:
   * program order is preserved except from a write to a later read, {@code po \ (W * R)}; Owens,
   * Sarkar and Sewell 2009, section 3). The trace shows each store entering its CPU's buffer on
   * the CPU's row, both loads, then each store reaching memory as a row of its own.
   */
  @Test
  void storeBufferingLetsBothLoadsSeeZero() {
    assertInstanceOf(Verdict.Safe.class, check("SB", SearchConfig.defaults()).verdict());
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, check("SB", X86).verdict());
    assertEquals(6, v.trace().steps().size());
    Golden.assertMatches("x86/SB.txt", ResultText.counterexample(v));
  }

  /** The x86 trace replays to itself: its header names the memory model the replay runs on. */
  @Test
  void theX86TraceReplaysUnderX86() throws Exception {
    String text = Files.readString(Path.of("src/test/resources/golden/x86/SB.txt"));
    Replayed r = Models.load(List.of(LitmusConformanceTest.DIR.resolve("SB.litmus")))
        .replay(Schedule.parse(text));
    assertEquals(text, ResultText.replayed(r));
  }

  /**
   * smp_mb() is MFENCE on x86, which waits for the store buffer to drain: the load after it
   * reads memory only once the store before it is there, and store buffering is gone.
   */
  @Test
  void aFullBarrierOnBothSidesForbidsIt() {
    assertInstanceOf(Verdict.Safe.class, check("SB+mb+mb", X86).verdict());
  }

  /**
   * smp_wmb() and smp_rmb() are compiler barriers on x86 (arch/x86/include/asm/barrier.h): they
   * do not drain the store buffer, so store buffering stays possible with them.
   */
  @Test
  void writeAndReadBarriersDoNotDrainTheBuffer() {
    assertInstanceOf(Verdict.Violated.class, check("SB+wmb+wmb", X86).verdict());
    assertInstanceOf(Verdict.Violated.class, check("SB+rmb+rmb", X86).verdict());
  }

  /**
   * xchg is LOCK-prefixed: it runs with the buffer empty and writes memory, which orders it as
   * MFENCE would (Intel SDM vol. 3, 9.1.2.2 "locked operations"), so SB+xchg+xchg is forbidden.
   */
  @Test
  void lockedExchangesForbidIt() {
    assertInstanceOf(Verdict.Safe.class, check("SB+xchg+xchg", X86).verdict());
  }

  /**
   * Message passing needs no barrier on x86: the buffer is FIFO, so the stores reach memory in
   * program order, and loads are not reordered with loads.
   */
  @Test
  void messagePassingHoldsWithoutBarriers() {
    assertInstanceOf(Verdict.Safe.class, check("MP", X86).verdict());
  }
}
