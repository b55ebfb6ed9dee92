package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.Golden;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.report.ResultText;
import tlbcheck.result.Schedule;
import tlbcheck.result.Verdict;
import tlbcheck.suite.Models;

/**
 * Loads that read late under arm64 (ArmLateReads), on litmus tests of our own in
 * src/test/resources/arm64, each with herd7 7.57's verdict in that directory's expected.tsv,
 * computed on its AArch64 encoding in herd/ ({@code herd.exe -model aarch64.cat
 * herd/NAME.litmus}; herd7 also gives the same number of final states as tlbcheck): load
 * buffering where only one CPU can reorder, so that each test needs exactly what it names (two
 * loads of one CPU waiting at once, a load waiting past an acquire or smp_wmb(), a data
 * dependency on the second load only), and what forbids it (a control dependency, an address
 * dependency followed by a store, coherence of a load and a later store of one variable).
 * Under sc and x86 each is Never (x86-TSO keeps a load before a later store). Each one that
 * arm64 allows has its trace in golden/arm64/, the reordering each file's comment names.
 */
class LateReadsTest {
  static final Path DIR = Path.of("src/test/resources/arm64");
  private static final SearchConfig ARM64 =
      SearchConfig.defaults().withMemory(MemoryModel.ARM64);

  /**
   * Three loads of one CPU would have to wait at once; tlbcheck lets two
   * (ArmLateReads.SLOTS), so it finds Never where herd7 finds Sometimes: the known limit of the
   * model, pinned so that a change of it is seen.
   */
  static final Set<String> BEYOND_SLOTS = Set.of("LB+three-loads");

  static Stream<Path> tests() throws IOException {
    return LitmusConformanceTest.litmusFiles(DIR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tests")
  void everyTestGivesHerdsVerdict(Path test) throws Exception {
    Expected herd = Expected.read(DIR.resolve("expected.tsv"), "arm64");
    Observation arm = Litmus.run(ModelFile.read(test), ARM64);
    boolean beyond = BEYOND_SLOTS.contains(arm.name());
    assertEquals(beyond ? "Never" : herd.verdict(arm.name()), arm.verdict(), arm.name());
    if (beyond) {
      assertEquals("Sometimes", herd.verdict(arm.name()), arm.name());
    }
    if (arm.verdict().equals("Sometimes")) {
      // The trace that reaches it, read and pinned: the late load's two rows, the store that
      // reaches memory between them, and the other CPU reading it.
      Verdict.Violated v = assertInstanceOf(Verdict.Violated.class,
          Explorer.check(ModelFile.read(test).model(), ARM64).verdict());
      Golden.assertMatches("arm64/" + arm.name() + ".txt", ResultText.counterexample(v));
    }
    for (MemoryModel m : List.of(MemoryModel.SC, MemoryModel.X86)) {
      assertEquals("Never", Litmus.run(ModelFile.read(test), SearchConfig.defaults()
          .withMemory(m)).verdict(), arm.name() + " under " + m);
    }
  }

  /**
   * P1's and P2's smp_mb() keep their stores after their loads, so only P0 can reorder: both
   * of its loads are issued to read later (two rows, "read x" and "read y" waiting in P0), its
   * store reaches memory, P1 and P2 read it and write, and P0's loads read 1 as rows of their
   * own, in either order. The schedule replays to the same trace.
   */
  @Test
  void twoLoadsOfOneCpuReadAfterItsStore() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        ModelFile.read(DIR.resolve("LB+two-loads.litmus")).model(), ARM64).verdict());
    String text = ResultText.counterexample(v);
    Golden.assertMatches("arm64/LB+two-loads.txt", text);
    Models lb = Models.load(List.of(DIR.resolve("LB+two-loads.litmus")));
    assertEquals(text, ResultText.replayed(lb.replay(Schedule.parse(text))));
    Verdict.Violated two = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        ModelFile.read(DIR.resolve("LB+two-loads.litmus")).model(),
        ARM64.withWorkers(2).withSlice(16)).verdict());
    assertEquals(text, ResultText.counterexample(two), "the same trace with two workers");
  }
}
