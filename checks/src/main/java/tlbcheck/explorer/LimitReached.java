package tlbcheck.explorer;

/** Thrown inside the explorer when a limit stops the run; it becomes an INCOMPLETE verdict. */
public final class LimitReached extends Exception {
  private static final long serialVersionUID = 1L;

  LimitReached(String limit) {
    super(limit, null, false, false);
  }
}
