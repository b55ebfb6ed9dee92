package tlbcheck.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.result.CheckResult;
import tlbcheck.result.MetricValue;

/**
 * Every arm64 verdict of the catalogue is decided by the explorer and is the expected one, at
 * the parameters verify checks under arm64: those equal to sc's too, which Arm64TracesTest does
 * not cover (it pins the traces of those that differ). The same rows as {@code ./tlbcheck verify
 * --memory arm64}, so that the README's test command checks them as well as CI's main job.
 *
 * <p>Each row's states and metric values are pinned too, in {@code golden/arm64/verify.tsv}:
 * verify judges verdicts only, so a change of the arm64 semantics that moves a metric (the
 * invalid window, the faults) without changing a verdict would otherwise go unseen.
 * {@code -Dtlbcheck.golden.update=true} rewrites the table from a run of every row.
 */
@Tag("slow")
class Arm64VerdictsTest {
  static List<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    for (Protocol p : Catalogue.all()) {
      if (!p.memoryModels().contains("arm64")) {
        continue;
      }
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          for (Params params : p.verifiedParams(s, "arm64")) {
            rows.add(Arguments.of(p.id(), v.id(), s, params));
          }
        }
      }
    }
    return rows;
  }

  private static final Path PINNED = Path.of("src/test/resources/golden/arm64/verify.tsv");
  private static final Map<String, String> MEASURED = new ConcurrentSkipListMap<>();

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("rows")
  void theVerdictIsTheExpectedOne(String model, String variant, String scenario,
      Params params) throws IOException {
    Protocol p = Catalogue.protocol(model);
    CheckResult r = Explorer.check(p.build(variant, scenario, params),
        SearchConfig.defaults().withMemory(MemoryModel.ARM64));
    assertEquals(p.expected(variant, scenario, "arm64").label(), r.verdict().label());
    String row = String.join("\t", model, variant, scenario, params.toString());
    String measured = r.stats().states() + "\t" + r.metrics().stream()
        .map(MetricValue::brief).collect(Collectors.joining(", "));
    MEASURED.put(row, measured);
    if (!Boolean.getBoolean("tlbcheck.golden.update")) {
      assertEquals(pinned().get(row), measured, "states and metrics of " + row + " in "
          + PINNED);
    }
  }

  private static Map<String, String> pinned() throws IOException {
    Map<String, String> rows = new TreeMap<>();
    for (String line : Files.readAllLines(PINNED, StandardCharsets.UTF_8)) {
      int cut = ordinalIndexOf(line, 4);
      rows.put(line.substring(0, cut), line.substring(cut + 1));
    }
    return rows;
  }

  private static int ordinalIndexOf(String line, int tabs) {
    int at = -1;
    for (int i = 0; i < tabs; i++) {
      at = line.indexOf('\t', at + 1);
    }
    return at;
  }

  @AfterAll
  static void rewriteWhenAsked() throws IOException {
    if (Boolean.getBoolean("tlbcheck.golden.update") && MEASURED.size() == rows().size()) {
      StringBuilder sb = new StringBuilder();
      MEASURED.forEach((row, measured) -> sb.append(row).append('\t').append(measured)
          .append('\n'));
      Files.writeString(PINNED, sb.toString(), StandardCharsets.UTF_8);
    }
  }
}
