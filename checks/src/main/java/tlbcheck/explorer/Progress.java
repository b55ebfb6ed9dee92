package tlbcheck.explorer;

/**
 * Told about a long exploration about once a second, from the exploring thread. The explorer
 * prints nothing itself (STYLE.md 10); the command line shows this on the terminal.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = (states, transitions, depth, nanos) -> { };

  void update(long states, long transitions, int depth, long nanos);
}
