package tlbcheck.result;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Expectation;

/**
 * One row of {@code tlbcheck verify}: a model (protocol, variant, scenario, parameters), the
 * verdict the catalogue expects, and what each engine found. Lincheck runs at the default
 * parameters only and jcstress runs each protocol's core race, so {@code lincheck} is null and
 * {@code jcstress} empty in the other rows. A broken model (a {@link tlbcheck.model.ModelError})
 * is a row of its own: no verdict, and {@code broken} says what is wrong with the model.
 *
 * @param explorer the explorer's result; null in a broken row
 * @param broken what is wrong with the model, naming the model, thread and step; null otherwise
 */
public record Check(ModelRef model, Expectation expected, CheckResult explorer, String broken,
    LincheckRun lincheck, List<StressRun> jcstress) {
  public Check {
    jcstress = List.copyOf(jcstress);
  }

  public static Check of(Expectation expected, CheckResult explorer) {
    return new Check(explorer.model(), expected, explorer, null, null, List.of());
  }

  /** The row of a model that could not be checked: it breaks a rule of the vocabulary. */
  public static Check broken(ModelRef model, Expectation expected, String error) {
    return new Check(model, expected, null, error, null, List.of());
  }

  public Check withLincheck(LincheckRun run) {
    return new Check(model, expected, explorer, broken, run, jcstress);
  }

  public Check withStress(StressRun run) {
    List<StressRun> runs = new ArrayList<>(jcstress);
    runs.add(run);
    return new Check(model, expected, explorer, broken, lincheck, runs);
  }

  /** Whether the explorer stopped at a limit before it could decide. */
  public boolean incomplete() {
    return explorer != null && explorer.verdict() instanceof Verdict.Incomplete;
  }

  /** Whether the explorer's verdict is the expected one (an incomplete run is not). */
  public boolean explorerAsExpected() {
    return explorer != null && explorer.verdict().meets(expected);
  }

  /** Whether every engine that ran agrees with the catalogue. */
  public boolean asExpected() {
    return explorerAsExpected() && (lincheck == null || lincheck.ok())
        && jcstress.stream().allMatch(StressRun::ok);
  }
}
