package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.Progress;
import tlbcheck.explorer.Reductions;
import tlbcheck.model.Catalogue;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.report.CheckResult;
import tlbcheck.report.Stats;
import tlbcheck.report.Verdict;

/**
 * {@code tlbcheck bench}: explores one large configuration several times on one core and prints
 * states stored, states per second and bytes per stored state for each run. The first run warms
 * the JIT up; the figures to quote are those of the later runs, measured in one invocation.
 */
@Command(name = "bench", description = "Measure the explorer: states/s and bytes per state on "
    + "one large configuration (default: m1 tlbs-dirty-cmpxchg, scenario race, N=6 A=3: 10,795,617 states).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", defaultValue = "m1",
      description = "a model id (default ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--variant", paramLabel = "V", defaultValue = "tlbs-dirty-cmpxchg",
      description = "a safe variant, so that the whole space is explored (default "
          + "${DEFAULT-VALUE})")
  String variant;

  @Option(names = "--scenario", paramLabel = "S", defaultValue = "race")
  String scenario;

  @Option(names = "-N", paramLabel = "n", defaultValue = "6")
  int n;

  @Option(names = "-A", paramLabel = "a", defaultValue = "3")
  int a;

  @Option(names = "--runs", paramLabel = "r", defaultValue = "3",
      description = "runs, the first of which warms up (default ${DEFAULT-VALUE})")
  int runs;

  @Mixin
  ExploreOptions limits;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Protocol p = Catalogue.protocol(model);
    Model m = p.build(variant, scenario, Params.DEFAULT.withN(n).withA(a));
    out.printf(Locale.ROOT, "bench %s, %d cores, JVM max heap %,d MiB%n", m.name(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    int many = limits.workers(2);
    int code = Main.OK;
    double one = Double.NaN;
    for (int workers : many == 1 ? new int[] {1} : new int[] {1, many}) {
      double best = Double.POSITIVE_INFINITY;
      for (int run = 1; run <= runs; run++) {
        System.gc();
        CheckResult r = new Explorer(m, limits.limits(), new TerminalProgress(
            spec.commandLine().getErr()), limits.reductions(), workers).run();
        Stats s = r.stats();
        out.printf(Locale.ROOT, "%d worker%s, run %d%s: %s  verdict %s%n", workers,
            workers == 1 ? "" : "s", run, run == 1 ? " (warm-up)" : "",
            s.counts() + "  " + s.timing(), r.verdict().label());
        out.flush();
        if (r.verdict() instanceof Verdict.Incomplete) {
          code = Main.INCOMPLETE;
        }
        if (run > 1 || runs == 1) {
          best = Math.min(best, s.seconds());
        }
      }
      if (workers == 1) {
        one = best;
      } else {
        out.printf(Locale.ROOT, "workers: %d are %.2fx as fast as 1 (best run each, %.2f s "
            + "against %.2f s)%n", workers, one / best, best, one);
      }
    }
    if (!limits.noSymmetry) {
      reductionFactor(m, out);
    }
    return code;
  }

  /**
   * One more run with every reduction on and one with symmetry off: the states each stores, and
   * the factor between them. The same on every run, unlike the timings.
   */
  private void reductionFactor(Model m, PrintWriter out) {
    CheckResult with = new Explorer(m, limits.limits(), Progress.NONE, Reductions.ALL).run();
    CheckResult without = new Explorer(m, limits.limits(), Progress.NONE, Reductions.NONE).run();
    long a = with.stats().states();
    long b = without.stats().states();
    out.printf(Locale.ROOT, "symmetry: %,d states stored with it, %,d without (%s): %.1fx "
        + "fewer%n", a, b, without.verdict().label(), (double) b / a);
    out.flush();
  }
}
