package tlbcheck.report;

/** One variable a step changed: {@code remote_tlbs_dirty: true -> false}. */
public record Change(String variable, String before, String after) {
  @Override
  public String toString() {
    return variable + ": " + before + " -> " + after;
  }
}
