package tlbcheck.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlbcheck.model.real.Outcome;

/**
 * What jcstress observed in one core race of a model (a {@link tlbcheck.model.Race}): the
 * outcomes the explorer finds reachable in it, the samples of each outcome jcstress saw (null if
 * the test did not run), whether that agrees with the catalogue, and why.
 */
public record StressRun(String race, List<String> reachable, Map<String, Long> samples,
    boolean ok, String verdict) {
  public StressRun {
    reachable = List.copyOf(reachable);
    samples = samples == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(samples));
  }

  /** The samples of outcomes that broke a property, in jcstress's order; empty if none ran. */
  public Map<String, Long> violations() {
    Map<String, Long> broke = new LinkedHashMap<>();
    if (samples != null) {
      samples.forEach((id, n) -> {
        if (!id.equals(Outcome.OK)) {
          broke.put(id, n);
        }
      });
    }
    return broke;
  }

  public long total() {
    return samples == null ? 0 : samples.values().stream().mapToLong(Long::longValue).sum();
  }
}
