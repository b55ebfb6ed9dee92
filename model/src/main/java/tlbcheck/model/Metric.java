package tlbcheck.model;

/**
 * A number the checker computes over all executions (PROTOCOLS.md "Conventions"): the largest,
 * over every execution, of how many times its steps call {@link Ctx#count(Metric)}. Metrics are
 * how the catalogue shows what an optimisation saves, next to whether it is safe. Created by
 * {@link Model.Builder#metric}; {@link #index()} is its place in {@link Model#metrics()}.
 */
public final class Metric {
  private final String id;
  private final String text;
  private final int index;

  Metric(String id, String text, int index) {
    this.id = id;
    this.text = text;
    this.index = index;
  }

  public String id() {
    return id;
  }

  public String text() {
    return text;
  }

  public int index() {
    return index;
  }

  @Override
  public String toString() {
    return id;
  }
}
