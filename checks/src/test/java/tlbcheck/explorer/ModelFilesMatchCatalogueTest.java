package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.file.ModelFile;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.report.ResultText;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Verdict;

/**
 * The model files shipped in model/examples are the catalogue's M1 written in kernel C: each
 * compiles to a model with the same state graph as the Java model of its variant at N=2 A=2
 * (every reachable state, past violations too), the same verdict, and, where it is violated,
 * the same counterexample row for row. Only the header, which names the file, and the
 * violation's message differ: the file states P1 as a condition, the Java model in words.
 *
 * <p>The M4-unmap files are the catalogue's M4-unmap at N=2 K=2 A=2, with page tables, walk
 * caches and a range TLBI written in the file: the same whole graph and the same verdict, under
 * sc and under arm64. Their traces differ in names only (the file's set_pte(pt, 0, PTE_INVALID)
 * is the Java model's kvm_clear_pte(pte[0])), so rows are not compared.
 */
class ModelFilesMatchCatalogueTest {
  private static final Path EXAMPLES = Path.of("../model/examples");

  /** The whole graph, as a metric sees it. */
  private static Search.Result graph(Model model, MemoryModel memory) {
    SearchListener whole = new SearchListener() {
      @Override
      public Coverage coverage() {
        return Coverage.WHOLE_GRAPH;
      }
    };
    return new Search(model, SearchConfig.defaults().withMemory(memory), Progress.NONE,
        List.of(whole)).run();
  }

  /** The whole graphs of the two models have as many states and transitions. */
  private static void assertSameGraph(Model java, Model file, MemoryModel memory) {
    Search.Result j = graph(java, memory);
    Search.Result f = graph(file, memory);
    assertEquals(j.states(), f.states(), "states");
    assertEquals(j.transitions(), f.transitions(), "transitions");
  }

  private static String rows(CheckResult r) {
    if (!(r.verdict() instanceof Verdict.Violated v)) {
      return r.verdict().getClass().getSimpleName();
    }
    return Arrays.stream(ResultText.counterexample(v).split("\n")).skip(1)
        .filter(line -> !line.startsWith("VIOLATED")).collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({"avi-v3, SC", "avi-v3, X86", "tlbs-dirty-cmpxchg, SC", "tlbs-dirty-cmpxchg, X86"})
  void theFileIsTheJavaModel(String variant, MemoryModel memory) {
    Model java = Catalogue.protocol("m1").build(variant, "race", Params.DEFAULT);
    Model file = ModelFile.read(EXAMPLES.resolve("m1-" + variant + ".litmus")).model();
    assertSameGraph(java, file, memory);
    SearchConfig config = SearchConfig.defaults().withMemory(memory);
    assertEquals(rows(Explorer.check(java, config)), rows(Explorer.check(file, config)));
  }

  private static String verdict(Model model, MemoryModel memory) {
    return Explorer.check(model, SearchConfig.defaults().withMemory(memory)).verdict()
        instanceof Verdict.Violated v ? "violates " + v.property() : "safe";
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({"deferred-range, SC", "deferred-range, ARM64", "deferred-free-early, SC",
      "deferred-free-early, ARM64", "deferred-range-no-dsb, SC", "deferred-range-no-dsb, ARM64"})
  void theUnmapFileIsTheJavaModel(String variant, MemoryModel memory) {
    Model java = Catalogue.protocol("m4-unmap").build(variant, "unmap", Params.DEFAULT);
    Model file = ModelFile.read(EXAMPLES.resolve("m4-unmap-" + variant + ".litmus")).model();
    assertSameGraph(java, file, memory);
    assertEquals(verdict(java, memory), verdict(file, memory));
  }

  private static List<String> necessity(Model model, MemoryModel memory)
      throws Necessity.NotSafe {
    return Necessity.run(model, SearchConfig.defaults().withMemory(memory)).rows().stream()
        .map(r -> r.thread() + " #" + r.step() + " " + r.role() + ": " + r.result()).toList();
  }

  /**
   * {@code tlbcheck necessity} finds the same steps needed in the file as in the Java model:
   * the range TLBI on each CPU and, under arm64, the dsb(ish) after it; the put_pages are
   * steps it removes too (refcount steps, as the catalogue's), and unnecessary here.
   */
  @ParameterizedTest(name = "under {0}")
  @CsvSource({"SC", "ARM64"})
  void necessityReadsTheFileAsTheJavaModel(MemoryModel memory) throws Necessity.NotSafe {
    Model java = Catalogue.protocol("m4-unmap").build("deferred-range", "unmap",
        Params.DEFAULT);
    Model file = ModelFile.read(EXAMPLES.resolve("m4-unmap-deferred-range.litmus")).model();
    assertEquals(necessity(java, memory), necessity(file, memory));
  }
}
