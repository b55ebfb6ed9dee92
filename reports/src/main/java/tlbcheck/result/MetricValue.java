package tlbcheck.result;

/** A metric's value over all executions: its id, its text, and the number. */
public record MetricValue(String id, String text, long value) {
  /** {@code remote-flushes = 1}: how tables print it. */
  public String brief() {
    return id + " = " + value;
  }
}
