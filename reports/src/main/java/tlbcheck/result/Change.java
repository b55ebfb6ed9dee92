package tlbcheck.result;

/**
 * What one step did to one variable or register, as the trace's right-hand column prints it:
 * <ul>
 *   <li>a write that changed it: {@code remote_tlbs_dirty: true -> false};</li>
 *   <li>a write of the value it already had: {@code tlb[1] = EMPTY} (a flush that found nothing);</li>
 *   <li>a read: {@code remote_tlbs_dirty == false} (what a branch or a walk saw).</li>
 * </ul>
 * In a trace's final state, every entry is a read of the last value.
 */
public record Change(String variable, String before, String after, boolean write) {
  public static Change read(String variable, String value) {
    return new Change(variable, value, value, false);
  }

  public static Change write(String variable, String before, String after) {
    return new Change(variable, before, after, true);
  }

  @Override
  public String toString() {
    if (!write) {
      return variable + " == " + after;
    }
    return before.equals(after) ? variable + " = " + after : variable + ": " + before + " -> " + after;
  }
}
