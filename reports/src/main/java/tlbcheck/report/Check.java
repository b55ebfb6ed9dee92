package tlbcheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code tlbcheck verify}: a model (protocol, variant, scenario, parameters), the
 * verdict the catalogue expects and why, and what each engine found. Lincheck runs at the default
 * parameters only and jcstress runs each protocol's core race, so {@code lincheck} is null and
 * {@code jcstress} empty in the other rows.
 */
public record Check(String expected, String why, CheckResult explorer, LincheckRun lincheck,
    List<StressRun> jcstress) {
  public Check {
    jcstress = List.copyOf(jcstress);
  }

  public static Check of(String expected, String why, CheckResult explorer) {
    return new Check(expected, why, explorer, null, List.of());
  }

  public ModelRef model() {
    return explorer.model();
  }

  public Check withLincheck(LincheckRun run) {
    return new Check(expected, why, explorer, run, jcstress);
  }

  public Check withStress(StressRun run) {
    List<StressRun> runs = new ArrayList<>(jcstress);
    runs.add(run);
    return new Check(expected, why, explorer, lincheck, runs);
  }

  /** Whether the explorer's verdict is the expected one (an incomplete run is not). */
  public boolean explorerAsExpected() {
    return expected.equals(explorer.verdict().label());
  }

  /** Whether every engine that ran agrees with the catalogue. */
  public boolean asExpected() {
    return explorerAsExpected() && (lincheck == null || lincheck.ok())
        && jcstress.stream().allMatch(StressRun::ok);
  }
}
