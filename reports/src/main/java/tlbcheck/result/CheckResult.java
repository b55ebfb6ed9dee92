package tlbcheck.result;

import java.util.List;

/**
 * The result of checking one model: what was checked, the verdict, the statistics, and the
 * value of each of the model's metrics (empty when the search did not cover the whole graph).
 */
public record CheckResult(ModelRef model, Verdict verdict, Stats stats,
    List<MetricValue> metrics) {
  public CheckResult {
    metrics = List.copyOf(metrics);
  }
}
