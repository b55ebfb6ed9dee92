package tlbcheck.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Path;
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
import tlbcheck.result.Verdict;

/**
 * The twelve page-table tests of ../shared/litmus/vmsa.md, written as model files in
 * model/examples/vmsa/ with herd7's verdicts under aarch64.cat -variant vmsa in its
 * expected.tsv (issue 18, part 3): each gives that verdict under arm64, and Never under sc,
 * where a TLB holds only what a walk put there in program order.
 */
class VmsaConformanceTest {
  static final Path DIR = Path.of("../model/examples/vmsa");
  private static final SearchConfig ARM64 =
      SearchConfig.defaults().withMemory(MemoryModel.ARM64);

  static Stream<Path> tests() throws IOException {
    return LitmusConformanceTest.litmusFiles(DIR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tests")
  void everyTestGivesHerdsVmsaVerdict(Path test) throws Exception {
    Expected herd = Expected.read(DIR.resolve("expected.tsv"), "arm64");
    Observation arm = Litmus.run(ModelFile.read(test), ARM64);
    assertEquals(herd.verdict(arm.name()), arm.verdict(), arm.name());
    Observation sc = Litmus.run(ModelFile.read(test), SearchConfig.defaults());
    assertEquals("Never", sc.verdict(), arm.name() + " under sc");
  }

  @Test
  void theDirectoryHoldsTheTwelveTests() throws Exception {
    assertEquals(12, tests().count());
  }

  /**
   * An incomplete TLBI: P0 writes the new entry, its DSB puts it in memory, it issues the TLBI
   * and writes z = 1; with no DSB after the TLBI, z = 1 reaches memory while the TLBI is still
   * waiting in P0 (Arm ARM D8.13.5: a TLBI is complete only once a later DSB is). P1 reads
   * z = 1, and its walk, which no completed TLBI bounds yet, reads the old entry (as its TLB
   * could hold it from any earlier walk): r4 = 1, phy_x. The TLBI completes as a row of its
   * own, after the access.
   */
  @Test
  void aTlbiThatHasNotCompletedLeavesTheOldTranslation() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        ModelFile.read(DIR.resolve("VM-remap+DSB-TLBI+DSB-ISB.litmus")).model(), ARM64)
        .verdict());
    Golden.assertMatches("arm64/VM-remap+DSB-TLBI+DSB-ISB.txt", ResultText.counterexample(v));
  }

  /**
   * A translation before an earlier load: P1 reads the flag z and then accesses x, with nothing
   * ordering the two (no DMB, no ISB, no dependency: aarch64.cat with -variant vmsa orders a
   * translation after an earlier read only so). P1's load of z is issued to read later, its
   * access walks first and fills its TLB from the old entry (r4 = 1, phy_x), then P0 remaps,
   * completes its TLBI with a DSB and writes z = 1, and P1's load reads z = 1 last: it saw the
   * flag, yet translated x the old way.
   */
  @Test
  void aTranslationGoesBeforeAnEarlierLoad() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        ModelFile.read(DIR.resolve("VM-remap+DSB-TLBI-DSB+po.litmus")).model(), ARM64)
        .verdict());
    Golden.assertMatches("arm64/VM-remap+DSB-TLBI-DSB+po.txt", ResultText.counterexample(v));
  }

  /**
   * A walk reads memory, not its CPU's waiting store: P0's new entry has not reached memory
   * when its own access walks, which reads the old entry.
   */
  @Test
  void aWalkDoesNotSeeItsOwnCpusWaitingStore() {
    Verdict.Violated v = assertInstanceOf(Verdict.Violated.class, Explorer.check(
        ModelFile.read(DIR.resolve("VM-uni-remap+po.litmus")).model(), ARM64).verdict());
    Golden.assertMatches("arm64/VM-uni-remap+po.txt", ResultText.counterexample(v));
  }
}
