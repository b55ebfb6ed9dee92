package tlbcheck.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  public long total() {
    return samples == null ? 0 : samples.values().stream().mapToLong(Long::longValue).sum();
  }
}
