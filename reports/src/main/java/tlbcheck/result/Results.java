package tlbcheck.result;

import java.util.List;

/**
 * The results of a run, as {@code results.json} holds them ({@link tlbcheck.report.ResultsJson}): one
 * {@link Check} per model, in the order they ran. Every report is rendered from this.
 */
public record Results(List<Check> checks) {
  public Results {
    checks = List.copyOf(checks);
  }

  /** Rows whose verdicts disagree with the catalogue (not broken, not incomplete). */
  public long unexpected() {
    return checks.stream().filter(c -> c.broken() == null && !c.incomplete() && !c.asExpected())
        .count();
  }

  public long incomplete() {
    return checks.stream().filter(Check::incomplete).count();
  }

  /** Rows whose model is broken. */
  public long broken() {
    return checks.stream().filter(c -> c.broken() != null).count();
  }
}
