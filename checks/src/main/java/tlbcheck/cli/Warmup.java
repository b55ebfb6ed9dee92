package tlbcheck.cli;

import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.litmus.Litmus;

/**
 * Runs the model-file front end and the explorer once, on a litmus test of its own, in a daemon
 * thread while picocli reads the command line. A {@code litmus} run is a few hundred ms of code
 * run cold (class loading, ANTLR's set-up, the interpreter), and picocli's own set-up takes about
 * 90 ms of one core while the other is idle: the warm-up moves the first part of that cold cost
 * onto the idle core. Its result is thrown away; it prints nothing, and a failure in it changes
 * nothing but the time.
 */
final class Warmup {
  static final String TEST = """
      C warm-up
      { x=0; }
      P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }
      P1(int *x, int *y) { int r0; r0 = atomic_fetch_add(1, y); if (r0) r0 = READ_ONCE(*x); }
      exists (0:r0=0 /\\ 1:r0=0)
      """;

  private Warmup() {
  }

  /** Starts the warm-up; the command does not wait for it. */
  static void start() {
    Thread t = new Thread(() -> {
      try {
        Litmus.run(ModelFile.parse("warm-up.litmus", TEST), SearchConfig.defaults());
      } catch (RuntimeException | LimitReached e) {
        // Only time is at stake: the command's own run reports any real problem.
      }
    }, "tlbcheck-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
