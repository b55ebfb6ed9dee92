package tlbcheck.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Every arm64 verdict of the catalogue is decided by the explorer and is the expected one, at
 * the parameters verify checks under arm64: those equal to sc's too, which Arm64TracesTest does
 * not cover (it pins the traces of those that differ). The same rows as {@code ./tlbcheck verify
 * --memory arm64}, so that the README's test command checks them as well as CI's main job.
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

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("rows")
  void theVerdictIsTheExpectedOne(String model, String variant, String scenario,
      Params params) {
    Protocol p = Catalogue.protocol(model);
    assertEquals(p.expected(variant, scenario, "arm64").label(),
        Explorer.check(p.build(variant, scenario, params),
            SearchConfig.defaults().withMemory(MemoryModel.ARM64)).verdict().label());
  }
}
