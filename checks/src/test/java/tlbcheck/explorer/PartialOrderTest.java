package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.file.ModelFile;
import tlbcheck.litmus.Litmus;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Verdict;

/**
 * The partial-order reduction under arm64 ({@link LocalMoves}) keeps what it claims to keep:
 * every final state of every litmus test, and every verdict and metric of the catalogue's arm64
 * models; it stores fewer states; and a counterexample found with it is as short as the one
 * found without it ({@link TraceShortening}).
 */
class PartialOrderTest {
  private static final SearchConfig ARM64 = SearchConfig.defaults().withMemory(MemoryModel.ARM64);
  private static final SearchConfig PLAIN =
      ARM64.withReductions(Reductions.ALL.withPartialOrder(false));

  /**
   * Every litmus test of ../shared/litmus (its copy in the test resources) and every vmsa test
   * reaches exactly the same final states, as herd7 counts them, with the reduction and without.
   */
  @Test
  void everyLitmusTestKeepsItsFinalStates() throws Exception {
    int tests = 0;
    for (Path dir : List.of(Path.of("src/test/resources/litmus"),
        Path.of("../model/examples/vmsa"))) {
      for (Path test : litmus(dir)) {
        ModelFile file = ModelFile.read(test);
        assertEquals(Litmus.run(file, PLAIN).states(), Litmus.run(file, ARM64).states(),
            test.toString());
        tests++;
      }
    }
    assertTrue(tests >= 119, "tests: " + tests);
  }

  /**
   * M1's smaller scenario, every variant: the same verdict, property and metrics, and a trace as
   * long, in fewer states.
   */
  @Test
  void everyM1VariantKeepsItsVerdictAndMetricsInS1() {
    assertKept(Catalogue.protocol("m1"), "s1");
  }

  /**
   * The states the reduction saves, pinned: M1 avi-v3's s1 (invlpg, sync, notifier and a guest)
   * stores 17,239 states without it and 11,383 with it. Its stores and barriers are taken as
   * soon as their thread reaches them, not interleaved with every other thread's moves.
   */
  @Test
  void theReductionStoresFewerStates() {
    Model m = Catalogue.protocol("m1").build("avi-v3", "s1", Params.DEFAULT);
    assertEquals(11_383, Explorer.check(m, ARM64).stats().states());
    assertEquals(17_239, Explorer.check(m, PLAIN).stats().states());
  }

  /**
   * A violation found on a whole level stands when a limit then stops the search that went on
   * for the metrics: m4 no-bbm under arm64 breaks P4d within its first 2,000 states, of the
   * 5,701 its metrics need. The verdict is the violation, without metrics.
   */
  @Test
  void aViolationFoundBeforeALimitIsTheVerdict() {
    Model m = Catalogue.protocol("m4").build("no-bbm", "coalesce", Params.DEFAULT);
    CheckResult r = Explorer.check(m, ARM64.withLimits(Limits.defaults().withMaxStates(2_000)));
    assertEquals("violates P4d", r.verdict().label());
    assertEquals(List.of(), r.metrics());
    assertEquals(ResultText.counterexample(Explorer.check(m, ARM64).verdict()),
        ResultText.counterexample(r.verdict()));
  }

  /** Workers change nothing under the reduction either, and its traces are the same. */
  @Test
  void anyNumberOfWorkersGivesTheSameOutputAsOne() {
    Model m = Catalogue.protocol("m1").build("tlbs-dirty-no-wmb", "s1", Params.DEFAULT);
    assertEquals(ResultText.render(Explorer.check(m, ARM64)),
        ResultText.render(Explorer.check(m, ARM64.withWorkers(2).withSlice(16))));
  }

  /**
   * M4-unmap and M1's races, every variant at N = 2: as in S1 above. (M4 counts a window, a
   * metric the reduction does not keep, so its searches take every move.)
   */
  @Tag("slow")
  @Test
  void everyArm64ModelKeepsItsVerdictsAndMetrics() {
    assertKept(Catalogue.protocol("m4-unmap"), "unmap");
    assertKept(Catalogue.protocol("m1"), "race");
  }

  private static void assertKept(Protocol p, String scenario) {
    for (Variant v : p.variants()) {
      Model m = p.build(v.id(), scenario, Params.DEFAULT);
      CheckResult with = Explorer.check(m, ARM64);
      CheckResult without = Explorer.check(m, PLAIN);
      String name = p.id() + " " + v.id() + " " + scenario;
      assertEquals(without.verdict().label(), with.verdict().label(), name);
      assertEquals(without.metrics(), with.metrics(), name);
      assertTrue(with.stats().states() <= without.stats().states(), name);
      if (with.verdict() instanceof Verdict.Violated a
          && without.verdict() instanceof Verdict.Violated b) {
        assertEquals(b.trace().steps().size(), a.trace().steps().size(), name + ": trace length");
      }
    }
  }

  private static List<Path> litmus(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".litmus")).sorted().toList();
    }
  }
}
