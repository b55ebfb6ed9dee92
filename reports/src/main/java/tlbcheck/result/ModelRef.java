package tlbcheck.result;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import tlbcheck.model.Model;

/** Which model a result is for: protocol, variant, scenario and parameters. */
public record ModelRef(String protocol, String variant, String scenario,
    Map<String, Integer> params) {
  public ModelRef {
    params = ImmutableMap.copyOf(params);
  }

  public static ModelRef of(Model m) {
    return new ModelRef(m.protocol(), m.variant(), m.scenario(), m.params());
  }

  /** {@code model m1  variant avi-v3  scenario s1  N=2 A=2}: the header line of a trace. */
  public String header() {
    StringBuilder sb = new StringBuilder("model ").append(protocol).append("  variant ")
        .append(variant).append("  scenario ").append(scenario);
    if (!params.isEmpty()) {
      sb.append(' ');
    }
    params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }
}
