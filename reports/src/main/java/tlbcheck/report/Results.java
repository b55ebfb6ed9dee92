package tlbcheck.report;

import java.util.List;

/**
 * The results of a run, as {@code results.json} holds them ({@link ResultsJson}): one
 * {@link Check} per model, in the order they ran. Every report is rendered from this.
 */
public record Results(List<Check> checks) {
  public Results {
    checks = List.copyOf(checks);
  }

  public long unexpected() {
    return checks.stream().filter(c -> !c.asExpected()
        && !(c.explorer().verdict() instanceof Verdict.Incomplete)).count();
  }

  public long incomplete() {
    return checks.stream().filter(c -> c.explorer().verdict() instanceof Verdict.Incomplete)
        .count();
  }
}
