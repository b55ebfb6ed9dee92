package tlbcheck.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.litmus.Litmus;

/**
 * {@code tlbcheck bench --litmus DIR [--memory M]}: the litmus directory in one JVM, as issues
 * 16 and 18 measure it: the wall time from the JVM's start (so its start-up is counted) to
 * the last test, each test's time (the first pays for class loading), a second, warm pass, and
 * the ratio to herd7's time on the same directory.
 */
final class LitmusBench {
  private static final long SLOW_MS = 100;

  private LitmusBench() {
  }

  static int run(Path dir, SearchConfig config, long herdMs, PrintWriter out) {
    List<Path> files = LitmusCommand.files(List.of(dir));
    // The JVM's own record of its start, in milliseconds (the process start time Linux gives
    // is rounded to the boot time's second).
    Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    out.printf(Locale.ROOT, "bench litmus %s: %d tests under %s, %d cores%n", dir,
        files.size(), config.memory(), Runtime.getRuntime().availableProcessors());
    long[] cold = pass(files, config);
    long sinceStart = Duration.between(jvmStart, Instant.now()).toMillis();
    long[] warm = pass(files, config);
    report(out, "first pass", files, cold);
    report(out, "second pass (warm)", files, warm);
    out.printf(Locale.ROOT, "wall time from JVM start to the last test of the first pass: %d ms; "
        + "herd7: %d ms; tlbcheck/herd7 = %.2f%n", sinceStart, herdMs,
        (double) sinceStart / herdMs);
    return Main.OK;
  }

  /** Each test's time in nanoseconds, parse and search, one after the other. */
  private static long[] pass(List<Path> files, SearchConfig config) {
    long[] nanos = new long[files.size()];
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      try {
        Litmus.run(ModelFile.read(files.get(i)), config);
      } catch (LimitReached e) {
        throw new UsageError(files.get(i) + " stopped by a limit: " + e.getMessage());
      }
      nanos[i] = System.nanoTime() - t0;
    }
    return nanos;
  }

  private static void report(PrintWriter out, String pass, List<Path> files, long[] nanos) {
    long total = 0;
    int slowest = 0;
    int over = 0;
    for (int i = 0; i < nanos.length; i++) {
      total += nanos[i];
      slowest = nanos[i] > nanos[slowest] ? i : slowest;
      over += nanos[i] / 1_000_000 >= SLOW_MS ? 1 : 0;
    }
    out.printf(Locale.ROOT, "%s: %d ms in all, slowest %s %.1f ms, %d test%s of %d ms or "
        + "more%n", pass, total / 1_000_000, files.get(slowest).getFileName(),
        nanos[slowest] / 1e6, over, over == 1 ? "" : "s", SLOW_MS);
  }
}
