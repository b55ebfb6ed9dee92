package tlbcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.junit.ModelAssertions;
import tlbcheck.model.Params;
import tlbcheck.report.ResultText;
import tlbcheck.result.Verdict;

/**
 * Golden files under {@code src/test/resources/golden}: a test's output is compared with the
 * file byte for byte. Run the tests with {@code -Dtlbcheck.golden.update=true} to rewrite the
 * files from the current output (then read the diff before committing it).
 */
public final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /**
   * Checks {@code model}'s variant in {@code scenario} at the default parameters: it must
   * violate {@code property} with a shortest trace of {@code steps} steps, whose
   * counterexample text matches the golden file {@code model-variant-scenario.txt}.
   */
  public static void assertViolation(String model, String variant, String scenario,
      String property, int steps) {
    Verdict.Violated v = ModelAssertions.assertViolates(property,
        Catalogue.protocol(model).build(variant, scenario, Params.DEFAULT));
    assertEquals(steps, v.trace().steps().size(), "steps in the shortest trace");
    assertMatches(model + "-" + variant + "-" + scenario + ".txt", ResultText.counterexample(v));
  }

  public static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("tlbcheck.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      if (!Files.exists(file)) {
        throw new AssertionError("golden file " + file + " is missing; run the tests with "
            + "-Dtlbcheck.golden.update=true to create it from this output:\n" + actual);
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
          "output differs from golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
