package tlbcheck.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variant of a protocol: its id ({@code avi-v3}), one line on what it does, and the verdict it
 * is expected to have, in every scenario or, where it differs, in one, and where it differs
 * from sc's, under one memory model ({@code arm64}): a variant cannot be declared without its
 * expectation. Immutable.
 */
public final class Variant {
  private final String id;
  private final String summary;
  private final Expectation expected;
  private final Map<String, Expectation> inScenario;

  private Variant(String id, String summary, Expectation expected,
      Map<String, Expectation> inScenario) {
    this.id = id;
    this.summary = summary;
    this.expected = expected;
    this.inScenario = Map.copyOf(inScenario);
  }

  /** A variant expected to have the verdict {@code expected} in every scenario. */
  public static Variant of(String id, String summary, Expectation expected) {
    return new Variant(id, summary, expected, Map.of());
  }

  /** This variant, expected to have the verdict {@code other} in {@code scenario}. */
  public Variant in(String scenario, Expectation other) {
    Map<String, Expectation> more = new LinkedHashMap<>(inScenario);
    more.put(scenario, other);
    return new Variant(id, summary, expected, more);
  }

  /**
   * This variant, expected to have the verdict {@code other} in {@code scenario} under memory
   * model {@code memory} ({@code arm64}): a verdict that differs from sc's, which the test that
   * pins it explains with its trace.
   */
  public Variant in(String scenario, String memory, Expectation other) {
    return in(scenario + "@" + memory, other);
  }

  /** The catalogue id: {@code avi-v3}. */
  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }

  /** The verdict expected in {@code scenario} under sc. */
  public Expectation expected(String scenario) {
    return inScenario.getOrDefault(scenario, expected);
  }

  /** The verdict expected in {@code scenario} under {@code memory}: sc's where none is given. */
  public Expectation expected(String scenario, String memory) {
    Expectation under = inScenario.get(scenario + "@" + memory);
    return under != null ? under : expected(scenario);
  }

  @Override
  public String toString() {
    return id;
  }
}
