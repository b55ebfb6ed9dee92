package tlbcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tlbcheck.result.Change;
import tlbcheck.result.Trace;
import tlbcheck.result.TraceStep;

/**
 * Renders a trace the way kernel developers draw races in commit messages: one column per
 * thread, time going down, each step's label in its thread's column and what it changed at the
 * right of the row. A pure function of the {@link Trace}: the same trace gives the same text.
 *
 * <pre>
 * # model m1  variant avi-v3  scenario s1  N=2 A=2
 * invlpg                      sync                       ...  | changes
 * ------                      ----                            |
 * spin_lock(mmu_lock)                                         | mmu_lock: unlocked -> locked
 * </pre>
 */
public final class ColumnTrace {
  private static final int GAP = 2;

  private ColumnTrace() {}

  /** The header, the columns, and the final state. */
  public static String render(Trace trace) {
    List<String> threads = trace.threads();
    int[] width = new int[threads.size()];
    for (int t = 0; t < threads.size(); t++) {
      width[t] = threads.get(t).length();
    }
    for (TraceStep s : trace.steps()) {
      width[s.thread()] = Math.max(width[s.thread()], s.label().length());
    }
    StringBuilder out = new StringBuilder();
    out.append("# ").append(trace.model().header()).append('\n');
    List<String> names = new ArrayList<>(threads);
    List<String> rules = new ArrayList<>();
    threads.forEach(t -> rules.add("-".repeat(t.length())));
    row(out, width, names, "changes");
    row(out, width, rules, "");
    for (TraceStep s : trace.steps()) {
      List<String> cells = new ArrayList<>();
      for (int t = 0; t < threads.size(); t++) {
        cells.add(t == s.thread() ? s.label() : "");
      }
      row(out, width, cells,
          s.changes().stream().map(Change::toString).collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  /** {@code state: spte = NONPRESENT, ...}: the shared variables in the trace's last state. */
  public static String finalState(Trace trace) {
    return "state: " + trace.finalState().stream().map(c -> c.variable() + " = " + c.after())
        .collect(Collectors.joining(", "));
  }

  private static void row(StringBuilder out, int[] width, List<String> cells, String changes) {
    StringBuilder line = new StringBuilder();
    for (int t = 0; t < cells.size(); t++) {
      String cell = cells.get(t);
      line.append(cell).append(" ".repeat(width[t] - cell.length() + GAP));
    }
    line.append('|');
    if (!changes.isEmpty()) {
      line.append(' ').append(changes);
    }
    out.append(line).append('\n');
  }
}
