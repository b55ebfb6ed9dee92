package tlbcheck.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.Limits;
import tlbcheck.explorer.Outcomes;
import tlbcheck.explorer.Reductions;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Expectation;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Property;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Variant;
import tlbcheck.model.real.Outcome;

/**
 * The jcstress tests of the catalogue, and their sources. jcstress reads a test's outcomes and
 * their expectations from annotations, so each (race, variant) is a class of its own; writing
 * them by hand would write the catalogue's verdicts a second time. Instead the build of the
 * stress module runs {@link #main} to generate them from the catalogue, and the runner finds
 * them by the same names.
 *
 * <p>Which tests: every race of every protocol, with every variant the catalogue calls safe in
 * the race's scenario, and every buggy variant whose violation the explorer finds reachable in
 * the race's order (a race need not show every bug: M2's teardown race cannot allocate two
 * roots). Outcomes: {@code ok}, and one per property of the model, FORBIDDEN in a safe variant
 * and ACCEPTABLE_INTERESTING in a buggy one.
 */
public final class JcstressTests {
  private JcstressTests() {
  }

  /**
   * One test: a race of a protocol in a variant, whether the catalogue calls the variant safe,
   * and the outcomes the explorer finds reachable in the race's order (property id or {@link
   * Outcomes#NONE}, with the number of end states of each).
   */
  public record Test(Protocol protocol, Race race, Variant variant, Expectation expected,
      SortedMap<String, Integer> reachable) {
    /** The fully qualified class name: {@code tlbcheck.stress.m1.Flag_AviV3}. */
    public String className() {
      return "tlbcheck.stress." + protocol.id().replace('-', '_') + "." + camel(race.id())
          + "_" + camel(variant.id());
    }

    /** The outcome ids the explorer finds reachable: {@code ok}, {@code stale-tlb}. */
    public List<String> reachableOutcomes() {
      return reachable.keySet().stream()
          .map(p -> Outcome.of(p.equals(Outcomes.NONE) ? null : p)).distinct().sorted().toList();
    }

    /** The model of the race, as the explorer and the test run it. */
    public Model model() {
      return race.model(protocol, variant.id(), Params.DEFAULT);
    }
  }

  /** Every test of the catalogue, in catalogue order. */
  public static List<Test> all() throws LimitReached {
    List<Test> tests = new ArrayList<>();
    for (Protocol p : Catalogue.all()) {
      for (Race r : p.races()) {
        for (Variant v : p.variants()) {
          Expectation e = p.expected(v.id(), r.scenario());
          SortedMap<String, Integer> reachable =
              Outcomes.reachable(r.model(p, v.id(), Params.DEFAULT), SEARCH);
          boolean showsBug = reachable.keySet().stream().anyMatch(o -> !o.equals(Outcomes.NONE));
          if (e.safe() || showsBug) {
            tests.add(new Test(p, r, v, e, reachable));
          }
        }
      }
    }
    return tests;
  }

  /**
   * A race is a small model; more states than this means the race is cut wrongly. Without
   * symmetry, so that each outcome's count is of real end states.
   */
  private static final SearchConfig SEARCH = SearchConfig.defaults()
      .withLimits(Limits.defaults().withMaxStates(2_000_000)).withReductions(Reductions.NONE);

  /** The Java source of {@code test}'s jcstress class. */
  static String source(Test test) {
    Model m = test.model();
    boolean safe = test.expected().safe();
    Map<String, String> outcomes = new LinkedHashMap<>();
    outcomes.put(Outcome.OK, "no property broken");
    for (Property p : m.properties()) {
      outcomes.merge(Outcome.of(p.id()), p.id() + " broken: " + p.text(),
          (a, b) -> a + "; " + b);
    }
    String name = test.className();
    int dot = name.lastIndexOf('.');
    StringBuilder s = new StringBuilder();
    s.append("package ").append(name, 0, dot).append(";\n\n");
    s.append("import org.openjdk.jcstress.annotations.Actor;\n");
    s.append("import org.openjdk.jcstress.annotations.Arbiter;\n");
    s.append("import org.openjdk.jcstress.annotations.Description;\n");
    s.append("import org.openjdk.jcstress.annotations.Expect;\n");
    s.append("import org.openjdk.jcstress.annotations.JCStressTest;\n");
    s.append("import org.openjdk.jcstress.annotations.Outcome;\n");
    s.append("import org.openjdk.jcstress.annotations.State;\n");
    s.append("import org.openjdk.jcstress.infra.results.L_Result;\n");
    s.append("import tlbcheck.stress.RaceRun;\n\n");
    s.append("/** Generated by ").append(JcstressTests.class.getName())
        .append(" from the catalogue; do not edit. */\n");
    s.append("@JCStressTest\n");
    s.append("@Description(\"").append(literal(test.protocol().id() + " " + test.variant().id()
        + ", race " + test.race().id() + ": " + test.race().what() + ". Expected: "
        + test.expected().label())).append("\")\n");
    outcomes.forEach((id, desc) -> s.append("@Outcome(id = \"").append(id)
        .append("\", expect = Expect.").append(id.equals(Outcome.OK) ? "ACCEPTABLE"
            : safe ? "FORBIDDEN" : "ACCEPTABLE_INTERESTING")
        .append(", desc = \"").append(literal(desc)).append("\")\n"));
    s.append("@State\n");
    s.append("public class ").append(name.substring(dot + 1)).append(" {\n");
    s.append("  private final RaceRun run = new RaceRun(\"").append(test.protocol().id())
        .append("\", \"").append(test.race().id()).append("\", \"").append(test.variant().id())
        .append("\");\n\n");
    s.append("  @Actor\n  public void first() {\n    run.first();\n  }\n\n");
    s.append("  @Actor\n  public void second() {\n    run.second();\n  }\n\n");
    s.append("  @Arbiter\n  public void outcome(L_Result r) {\n    r.r1 = run.outcome();\n"
        + "  }\n}\n");
    return s.toString();
  }

  private static String literal(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return sb.toString();
  }

  /** Writes every test's source under the directory {@code args[0]}. */
  public static void main(String[] args) throws IOException, LimitReached {
    Path root = Path.of(args[0]);
    for (Test t : all()) {
      Path file = root.resolve(t.className().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source(t));
    }
  }
}
