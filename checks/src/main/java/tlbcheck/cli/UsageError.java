package tlbcheck.cli;

/** An option value the command line cannot use; reported with exit code 2. */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
