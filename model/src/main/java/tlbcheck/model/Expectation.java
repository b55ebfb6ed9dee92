package tlbcheck.model;

/**
 * The verdict the catalogue expects for a variant in a scenario: safe, or a violation of a
 * named property ({@code DEADLOCK} for a deadlock). {@code why} is one line for reports.
 */
public record Expectation(boolean safe, String property, String why) {
  public static Expectation safe(String why) {
    return new Expectation(true, null, why);
  }

  public static Expectation violation(String property, String why) {
    return new Expectation(false, property, why);
  }

  /** {@code safe} or {@code violates P1}, as tables print it. */
  public String label() {
    return safe ? "safe" : "violates " + property;
  }
}
