package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.Locale;
import tlbcheck.explorer.Progress;

/**
 * Shows a long exploration's progress on one terminal line of standard error. Silent when no
 * terminal is attached (CI logs, redirected output), so that output files stay byte-identical.
 */
final class TerminalProgress implements Progress {
  private final PrintWriter err;
  private final boolean live = System.console() != null;
  private boolean shown;

  TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void update(long states, long transitions, int depth, long nanos) {
    if (!live) {
      return;
    }
    err.printf(Locale.ROOT, "\r  ... %,d states, depth %d, %.0f s", states, depth, nanos / 1e9);
    err.flush();
    shown = true;
  }

  /** Clears the progress line, if one was shown. */
  void done() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
