package tlbcheck.report;

import java.util.Locale;
import tlbcheck.result.CheckResult;
import tlbcheck.result.Limit;
import tlbcheck.result.MetricValue;
import tlbcheck.result.Replayed;
import tlbcheck.result.Verdict;

/**
 * The text {@code tlbcheck check} prints for one result: a verdict line, the statistics, and
 * for a violation the column trace, the violated property and the state that breaks it. Timing
 * is left out, so the same model gives the same text, byte for byte, on every run.
 */
public final class ResultText {
  private ResultText() {}

  public static String render(CheckResult r) {
    StringBuilder out = new StringBuilder();
    out.append(r.model().header()).append('\n');
    out.append("verdict: ").append(r.verdict().label()).append('\n');
    out.append(r.stats().counts()).append('\n');
    for (MetricValue m : r.metrics()) {
      out.append("metric ").append(m.brief()).append("  (").append(m.text()).append(")\n");
    }
    Verdict v = r.verdict();
    if (v instanceof Verdict.Violated || v instanceof Verdict.Deadlock) {
      out.append('\n').append(counterexample(v));
    } else if (v instanceof Verdict.Incomplete i) {
      out.append("stopped by ").append(limit(i.limit())).append('\n');
    }
    return out.toString();
  }

  /**
   * A limit as the command line spells it: {@code --max-states 1000}, {@code --max-seconds
   * 0.5}, or the bound that has no option, with what it was.
   */
  public static String limit(Limit limit) {
    return switch (limit.kind()) {
      case STATES -> "--max-states " + (long) limit.bound();
      case SECONDS -> "--max-seconds " + (limit.bound() == Math.rint(limit.bound())
          ? Long.toString((long) limit.bound()) : Double.toString(limit.bound()));
      case MEMORY -> String.format(Locale.ROOT,
          "the memory bound (%,d MiB; the state store needs %,d MiB more)",
          (long) limit.bound() >> 20, (limit.needed() + (1 << 20) - 1) >> 20);
      case TABLE -> "the largest size of one state table (" + limit.needed()
          + " states with the same program counters' sum)";
      case INTERRUPTED -> "an interrupt";
    };
  }

  /**
   * The column trace, what is violated, and the state that breaks it; no statistics, so the
   * text is the same, byte for byte, on every run. Empty for a verdict without a trace.
   */
  public static String counterexample(Verdict verdict) {
    if (verdict instanceof Verdict.Violated v) {
      return ColumnTrace.render(v.trace()) + "VIOLATED " + v.property() + ": " + v.explanation()
          + "\n  (" + v.property() + ": " + v.text() + ")\n" + ColumnTrace.finalState(v.trace())
          + "\n";
    }
    if (verdict instanceof Verdict.Deadlock d) {
      return ColumnTrace.render(d.trace()) + "DEADLOCK: " + d.explanation() + "\n"
          + ColumnTrace.finalState(d.trace()) + "\n";
    }
    return "";
  }

  /**
   * A replayed schedule: the column trace as far as it went, then what it reached, a violation
   * or deadlock as {@link #counterexample} prints it, no violation, or the step that does not
   * fit and why.
   */
  public static String replayed(Replayed replayed) {
    if (replayed instanceof Replayed.Violation v) {
      return counterexample(v.verdict());
    }
    if (replayed instanceof Replayed.Deadlock d) {
      return counterexample(d.verdict());
    }
    if (replayed instanceof Replayed.Misfit m) {
      return ColumnTrace.render(m.trace()) + "step " + (m.index() + 1)
          + " of the schedule does not fit: " + m.reason() + "\n";
    }
    Replayed.NoViolation n = (Replayed.NoViolation) replayed;
    return ColumnTrace.render(n.trace()) + "no violation after " + n.trace().steps().size()
        + " steps" + (n.finished() ? ", every thread finished" : ", some threads not finished")
        + "\n";
  }
}
