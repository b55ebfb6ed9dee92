package tlbcheck.result;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import tlbcheck.model.Model;

/**
 * Which model a result is for: protocol, variant, scenario and parameters, and the memory model
 * it ran on ({@code sc}, {@code x86}; a file written before there were others says none, and
 * means sc).
 */
public record ModelRef(String protocol, String variant, String scenario,
    Map<String, Integer> params, String memory) {
  /** The memory model that is named nowhere: sequential consistency. */
  public static final String SC = "sc";

  public ModelRef {
    params = ImmutableMap.copyOf(params);
    memory = memory == null ? SC : memory;
  }

  public ModelRef(String protocol, String variant, String scenario, Map<String, Integer> params) {
    this(protocol, variant, scenario, params, SC);
  }

  public static ModelRef of(Model m) {
    return of(m, SC);
  }

  /** {@code m} run on memory model {@code memory}. */
  public static ModelRef of(Model m, String memory) {
    return new ModelRef(m.protocol(), m.variant(), m.scenario(), m.params(), memory);
  }

  /**
   * {@code model m1  variant avi-v3  scenario s1  N=2 A=2}: the header line of a trace, which
   * ends with {@code memory x86} for a memory model other than sc, so that a replay runs on it.
   */
  public String header() {
    StringBuilder sb = new StringBuilder("model ").append(protocol).append("  variant ")
        .append(variant).append("  scenario ").append(scenario);
    if (!params.isEmpty()) {
      sb.append(' ');
    }
    params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    if (!memory.equals(SC)) {
      sb.append("  memory ").append(memory);
    }
    return sb.toString();
  }
}
