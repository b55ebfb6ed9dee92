package tlbcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.Limits;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.Reductions;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Stats;
import tlbcheck.result.Verdict;

/**
 * {@code tlbcheck bench}: explores one large configuration several times with one worker and
 * with two, and prints states stored, states per second and bytes per stored state for each
 * run. The first run of each warms the JIT up; the figures to quote are those of the later
 * runs, measured in one invocation. {@code --catalogue} instead runs every safe variant of the
 * catalogue at N = 4 once per setting.
 */
@Command(name = "bench", description = "Measure the explorer: states/s and bytes per state on "
    + "one large configuration (default: m1 tlbs-dirty-cmpxchg, scenario race, N=6 A=3: "
    + "10,795,617 states), with one worker and two; or, with --catalogue, every safe variant "
    + "at N=4.")
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

  @Option(names = "--catalogue",
      description = "every safe variant in every scenario at N=4: time with one worker and two, "
          + "and the states stored with and without symmetry (each run stopped at 60 s)")
  boolean catalogue;

  @Option(names = "--litmus", paramLabel = "DIR",
      description = "time every litmus test of DIR under --memory (default sc) in this JVM, "
          + "JVM start included, against herd7's time on the same directory")
  Path litmus;

  @Option(names = "--herd-ms", paramLabel = "ms",
      description = "herd7's wall time on the --litmus directory (default: ../shared/litmus/"
          + "README.md's figure for the memory model, 180 for sc.cat and x86tso.cat, 960 for "
          + "aarch64.cat)")
  Long herdMs;

  @Mixin
  ExploreOptions limits;

  @Mixin
  ModelsOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (catalogue && limits.memory() != MemoryModel.SC) {
      return MemoryBench.run(models.models().all(), limits.config(1), limits.memory(),
          spec.commandLine().getOut());
    }
    if (catalogue) {
      return catalogue(spec.commandLine().getOut());
    }
    if (litmus != null) {
      long herd = herdMs != null ? herdMs : limits.memory() == MemoryModel.ARM64 ? 960 : 180;
      return LitmusBench.run(litmus, limits.config(1), herd, spec.commandLine().getOut());
    }
    PrintWriter out = spec.commandLine().getOut();
    Protocol p = models.models().protocol(model);
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
        CheckResult r = new Explorer(m, limits.config(1).withWorkers(workers),
            new TerminalProgress(spec.commandLine().getErr())).run();
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
      reductionFactor(m, "symmetry", Reductions.ALL.withSymmetry(false), out);
    }
    if (!limits.noPartialOrder && limits.memory() == MemoryModel.ARM64) {
      reductionFactor(m, "partial order", Reductions.ALL.withPartialOrder(false), out);
    }
    return code;
  }

  /**
   * One more run with every reduction on and one with {@code without}: the states each stores,
   * and the factor between them. The same on every run, unlike the timings.
   */
  private void reductionFactor(Model m, String name, Reductions without, PrintWriter out) {
    SearchConfig config = limits.config(1);
    CheckResult a = Explorer.check(m, config.withReductions(Reductions.ALL));
    CheckResult b = Explorer.check(m, config.withReductions(without));
    out.printf(Locale.ROOT, "%s: %,d states stored with it (%.2f s), %,d without (%.2f s, %s): "
        + "%.1fx fewer%n", name, a.stats().states(), a.stats().seconds(), b.stats().states(),
        b.stats().seconds(), b.verdict().label(), (double) b.stats().states() / a.stats().states());
    out.flush();
  }

  /**
   * Every safe variant of the catalogue, in every scenario it is safe in, at N = 4 (the other
   * parameters at their defaults): one warm-up, then one run with one worker, one with two,
   * and one without symmetry where the model declares one, each stopped at 60 s.
   */
  private int catalogue(PrintWriter out) {
    Limits limit = limits.limits();
    SearchConfig minute = limits.config(1).withReductions(Reductions.ALL)
        .withLimits(limit.withMaxSeconds(Math.min(limit.maxSeconds(), 60)));
    int many = limits.workers(2);
    out.printf(Locale.ROOT, "bench --catalogue at N=4, %d cores; times of one run each%n",
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%-34s %12s %9s %9s %6s %11s %12s %8s%n", "model", "states",
        "1 worker", many + " workers", "ratio", "bytes/state", "no symmetry", "factor");
    int code = Main.OK;
    boolean warm = false;
    for (Protocol p : models.models().all()) {
      for (Variant v : p.variants()) {
        for (String s : p.safeScenarios(v.id())) {
          Model m = p.build(v.id(), s, Params.DEFAULT.withN(4));
          if (!warm) {
            Explorer.check(m, minute);
            warm = true;
          }
          CheckResult one = Explorer.check(m, minute);
          CheckResult two = Explorer.check(m, minute.withWorkers(many));
          String plain = "";
          String factor = "";
          if (!m.symmetries().isEmpty()) {
            CheckResult without = Explorer.check(m,
                minute.withReductions(Reductions.ALL.withSymmetry(false)).withWorkers(many));
            plain = without.verdict() instanceof Verdict.Incomplete ? "> 60 s"
                : String.format(Locale.ROOT, "%,d", without.stats().states());
            factor = without.verdict() instanceof Verdict.Incomplete ? ""
                : String.format(Locale.ROOT, "%.1fx",
                    (double) without.stats().states() / one.stats().states());
          }
          out.println(String.format(Locale.ROOT, "%-34s %,12d %8.2fs %8.2fs %5.2fx %11.1f %12s "
              + "%8s%s", p.id() + " " + v.id() + " " + s, one.stats().states(),
              one.stats().seconds(), two.stats().seconds(),
              one.stats().seconds() / two.stats().seconds(), one.stats().bytesPerState(), plain,
              factor, one.verdict() instanceof Verdict.Safe ? "" : "  " + one.verdict().label())
              .stripTrailing());
          out.flush();
          if (!(one.verdict() instanceof Verdict.Safe)) {
            code = one.verdict() instanceof Verdict.Incomplete ? Main.INCOMPLETE
                : Main.UNEXPECTED;
          }
        }
      }
    }
    return code;
  }
}
