package tlbcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tlbcheck.result.Check;
import tlbcheck.result.CheckResult;
import tlbcheck.result.LincheckRun;
import tlbcheck.result.MetricValue;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Results;
import tlbcheck.result.StressRun;
import tlbcheck.result.Verdict;

/**
 * The console tables of {@code tlbcheck verify}, rendered from the suite's rows as the HTML report
 * is: the explorer's table (one line per row, printed as each row completes), Lincheck's and
 * jcstress's, and the summary lines. Pure functions of the data.
 */
public final class SuiteText {
  // Wide enough for the longest variant (bbm-no-dsb-before-tlbi) and parameters (N=3 I=2 x86).
  private static final String ROW = "%-8s %-22s %-9s %-11s %-16s %-16s %12s %9s  %-10s %s%n";
  private static final String LINCHECK =
      "%-8s %-22s %-9s %-11s %-16s %-16s %9s %-16s %12s %9s  %s%n";
  /** The parameters verify spreads a protocol over; the others stay at their defaults. */
  private static final List<String> SPREAD = List.of("N", "P", "I");
  private static final String JCSTRESS = "%-8s %-9s %-22s %-16s %-22s %12s  %-34s %s%n";

  private SuiteText() {
  }

  public static String explorerHeader() {
    return String.format(Locale.ROOT, ROW, "model", "variant", "scenario", "params", "expected",
        "verdict", "states", "time", "", "metrics");
  }

  /** One row of the explorer's table; a broken model says what is wrong with it. */
  public static String explorerRow(Check c) {
    ModelRef m = c.model();
    CheckResult r = c.explorer();
    if (r == null) {
      return String.format(Locale.ROOT, ROW, m.protocol(), m.variant(), m.scenario(), shown(m),
          c.expected().label(), "BROKEN", "-", "-", "BROKEN", c.broken());
    }
    String mark = c.explorerAsExpected() ? "ok" : "UNEXPECTED";
    if (r.verdict() instanceof Verdict.Incomplete i) {
      mark = "INCOMPLETE (" + ResultText.limit(i.limit()) + ")";
    }
    return String.format(Locale.ROOT, ROW, m.protocol(), m.variant(), m.scenario(), shown(m),
        c.expected().label(), r.verdict().label(),
        String.format(Locale.ROOT, "%,d", r.stats().states()),
        String.format(Locale.ROOT, "%.2f s", r.stats().seconds()), mark,
        r.metrics().stream().map(MetricValue::brief).collect(Collectors.joining(", ")));
  }

  /** The explorer's summary: checks, as expected, unexpected, incomplete, broken. */
  public static String explorerSummary(Results results) {
    long n = results.checks().size();
    long unexpected = results.checks().stream()
        .filter(c -> c.broken() == null && !c.incomplete() && !c.explorerAsExpected()).count();
    long incomplete = results.incomplete();
    long broken = results.broken();
    return String.format(Locale.ROOT, "%n%d checks: %d as expected, %d unexpected, %d incomplete"
        + "%s%n", n, n - unexpected - incomplete - broken, unexpected, incomplete,
        broken == 0 ? "" : ", " + broken + " broken models");
  }

  public static String lincheckHeader() {
    return String.format(Locale.ROOT, LINCHECK, "model", "variant", "scenario", "params",
        "expected", "explorer", "time", "lincheck (sc)", "invocations", "time", "");
  }

  /** A row Lincheck ran: the explorer's verdict and time beside Lincheck's. */
  public static String lincheckRow(Check c) {
    ModelRef m = c.model();
    CheckResult r = c.explorer();
    LincheckRun l = c.lincheck();
    boolean ok = c.explorerAsExpected() && l.ok();
    return String.format(Locale.ROOT, LINCHECK, m.protocol(), m.variant(), m.scenario(),
        shown(m), c.expected().label(), r.verdict().label(),
        String.format(Locale.ROOT, "%.2f s", r.stats().seconds()), l.verdict(),
        String.format(Locale.ROOT, "%,d", l.invocations()),
        String.format(Locale.ROOT, "%.1f s", l.nanos() / 1e9), ok ? "ok" : "UNEXPECTED");
  }

  /**
   * The jcstress table's header; {@code memory} is the memory model the explorer's reachable
   * outcomes are computed on, the one of the CPU jcstress runs on ({@code x86}).
   */
  public static String jcstressHeader(String memory) {
    return String.format(Locale.ROOT, JCSTRESS, "model", "race", "variant", "expected",
        "explorer (" + memory + ")", "samples", "violations", "verdict");
  }

  /** What jcstress's column says of an arm64 row: this x86 host cannot show its behaviour. */
  public static final String ARM64_UNSTRESSED = "arm64 rows: not stressed; jcstress runs on "
      + "this x86 host, whose CPU keeps the orderings arm64 relaxes, so it can neither show nor "
      + "rule out their races: the explorer's verdict stands alone";

  /** Whether {@code c} is a row whose memory model jcstress cannot run on here (arm64). */
  public static boolean hostCannotStress(Check c) {
    return c.model().memory().equals("arm64");
  }

  /** One jcstress test: its race in a row's variant, what the explorer allows, what was seen. */
  public static String jcstressRow(Check c, StressRun run) {
    String samples = run.samples() == null ? "-"
        : String.format(Locale.ROOT, "%,d", run.total());
    String violations = run.samples() == null ? "-" : violations(run);
    return String.format(Locale.ROOT, JCSTRESS, c.model().protocol(), run.race(),
        c.model().variant(), c.expected().label(), String.join(",", run.reachable()), samples,
        violations, (run.ok() ? "ok: " : "UNEXPECTED: ") + run.verdict());
  }

  /** "stale-tlb 122 (1 in 22,600)", "dirty-read 4,545,455 (90%)", or "0". */
  private static String violations(StressRun run) {
    long total = run.total();
    List<String> parts = new ArrayList<>();
    run.violations().forEach((id, n) -> parts.add(n * 100 >= total
        ? String.format(Locale.ROOT, "%s %,d (%d%%)", id, n, n * 100 / total)
        : String.format(Locale.ROOT, "%s %,d (1 in %,d)", id, n, total / n)));
    return parts.isEmpty() ? "0" : String.join(", ", parts);
  }

  /**
   * The parameters that tell a protocol's rows apart: N, and P and I where the model names
   * them (verify runs K and A at their defaults); a model without N shows every parameter it
   * has, and one without parameters a dash; then the memory model, unless it is sc.
   */
  private static String shown(ModelRef m) {
    String memory = m.memory().equals(ModelRef.SC) ? "" : " " + m.memory();
    if (m.params().containsKey("N")) {
      return m.params().entrySet().stream().filter(e -> SPREAD.contains(e.getKey()))
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")) + memory;
    }
    return m.params().isEmpty() ? "-" + memory : m.params().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")) + memory;
  }
}
