package tlbcheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import tlbcheck.explorer.Explorer;
import tlbcheck.explorer.Limits;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Verdict;

/**
 * {@code tlbcheck bench --catalogue --memory x86|arm64}: what a memory model costs, as issues
 * 17 and 18 measure it: every variant of the models that run on it, in every scenario, at N =
 * 2, 3 and 4 (arm64: 2 and 3), explored under sc and under the memory model, with states, time
 * and bytes per state of each, and the growth factor of the states; under arm64 also without
 * the partial-order reduction, and its factor. Each run is stopped at 60 s; the verdicts are
 * printed beside, so that a difference from sc is seen where it is measured.
 */
final class MemoryBench {
  private MemoryBench() {
  }

  static int run(List<Protocol> protocols, SearchConfig base, MemoryModel memory,
      PrintWriter out) {
    Limits limit = base.limits();
    SearchConfig minute = base.withLimits(limit.withMaxSeconds(Math.min(limit.maxSeconds(), 60)));
    out.printf(Locale.ROOT, "bench --catalogue --memory %s: sc against %s, %d cores, each run "
        + "stopped at 60 s%n", memory, memory, Runtime.getRuntime().availableProcessors());
    boolean por = memory == MemoryModel.ARM64 && base.reductions().partialOrder();
    out.printf(Locale.ROOT, "%-40s %12s %8s %12s %8s %11s %7s%s  %s%n", "model", "sc states",
        "sc time", memory + " states", "time", "bytes/state", "growth",
        por ? String.format(Locale.ROOT, " %12s %8s %7s", "no p.o.", "time", "p.o.") : "",
        "verdicts (sc, " + memory + ")");
    int code = Main.OK;
    for (Protocol p : protocols) {
      if (!p.memoryModels().contains(memory.id())) {
        continue;
      }
      for (Variant v : p.variants()) {
        for (String s : p.scenarios()) {
          for (int n = 2; n <= (memory == MemoryModel.ARM64 ? 3 : 4); n++) {
            String name = p.id() + " " + v.id() + " " + s + " N=" + n;
            CheckResult sc;
            CheckResult weak;
            CheckResult plain = null;
            Model m;
            try {
              m = p.build(v.id(), s, Params.DEFAULT.withN(n));
              sc = Explorer.check(m, minute.withMemory(MemoryModel.SC));
              weak = Explorer.check(m, minute.withMemory(memory));
              if (por) {
                plain = Explorer.check(m, minute.withMemory(memory)
                    .withReductions(minute.reductions().withPartialOrder(false)));
              }
            } catch (ModelError e) {
              // A buggy variant can break a step rule at a size verify does not run.
              out.printf(Locale.ROOT, "%-40s BROKEN: %s%n", name, e.getMessage());
              continue;
            }
            out.println(String.format(Locale.ROOT, "%-40s %,12d %7.2fs %,12d %7.2fs %11.1f %6.1fx"
                + "%s  %s, %s", name,
                sc.stats().states(), sc.stats().seconds(), weak.stats().states(),
                weak.stats().seconds(), weak.stats().bytesPerState(),
                (double) weak.stats().states() / sc.stats().states(),
                withoutReduction(m, weak, plain), sc.verdict().label(), weak.verdict().label()
                    + (stopped(m, weak) && !(weak.verdict() instanceof Verdict.Incomplete)
                    ? " (then stopped, without metrics)" : "")));
            out.flush();
            if (weak.verdict() instanceof Verdict.Incomplete) {
              code = Main.INCOMPLETE;
            }
          }
        }
      }
    }
    return code;
  }

  /**
   * The run without the partial-order reduction: states, time and the factor of states it
   * saves; no factor where either run was stopped ("> 60 s" if the one without it was); empty
   * if it did not run.
   */
  private static String withoutReduction(Model m, CheckResult reduced, CheckResult plain) {
    if (plain == null) {
      return "";
    }
    String factor = stopped(m, plain) ? "> 60 s" : stopped(m, reduced) ? "-"
        : String.format(Locale.ROOT, "%.1fx",
            (double) plain.stats().states() / reduced.stats().states());
    return String.format(Locale.ROOT, " %,12d %7.2fs %7s", plain.stats().states(),
        plain.stats().seconds(), factor);
  }

  /**
   * Whether a limit stopped the run: INCOMPLETE, or a violation found before the search for the
   * model's metrics was stopped (it has none then).
   */
  private static boolean stopped(Model m, CheckResult r) {
    return r.verdict() instanceof Verdict.Incomplete
        || r.metrics().isEmpty() && !m.metrics().isEmpty();
  }
}
