package tlbcheck.result;

/**
 * The bound that stopped a run before it could decide: typed data, so that the explorer names
 * the bound and each renderer spells it its own way ({@link tlbcheck.report.ResultText#limit}: the command
 * line's {@code --max-states 1000}).
 *
 * @param kind which bound
 * @param bound its value: states, seconds, or bytes
 * @param needed for {@link Kind#MEMORY}, the bytes the store asked for past the bound; for
 *     {@link Kind#TABLE}, the states the table would have held; otherwise 0
 */
public record Limit(Kind kind, double bound, long needed) {
  /** The bounds a run can reach. */
  public enum Kind {
    /** The number of distinct states stored ({@code --max-states}). */
    STATES,
    /** Wall time ({@code --max-seconds}). */
    SECONDS,
    /** The bytes the state store may allocate (a share of the JVM's heap). */
    MEMORY,
    /** The largest table one partition of the store can have: an array's length. */
    TABLE,
    /** The run's thread was interrupted. */
    INTERRUPTED
  }

  public static Limit states(long max) {
    return new Limit(Kind.STATES, max, 0);
  }

  public static Limit seconds(double max) {
    return new Limit(Kind.SECONDS, max, 0);
  }

  public static Limit memory(long maxBytes, long neededBytes) {
    return new Limit(Kind.MEMORY, maxBytes, neededBytes);
  }

  public static Limit table(long states) {
    return new Limit(Kind.TABLE, 0, states);
  }

  public static Limit interrupted() {
    return new Limit(Kind.INTERRUPTED, 0, 0);
  }
}
