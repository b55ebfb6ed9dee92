package tlbcheck.explorer;

import tlbcheck.result.Limit;

/**
 * Thrown inside a search when a bound stops it; the bound, as data, becomes an INCOMPLETE
 * verdict that the command line renders.
 */
public final class LimitReached extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Limit limit;

  LimitReached(Limit limit) {
    super(limit.kind().toString(), null, false, false);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
