package tlbcheck.report;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.result.NecessityRow;
import tlbcheck.result.NecessityTable;
import tlbcheck.result.Verdict;

/**
 * The text of {@code tlbcheck necessity}: per model, a table with one row per removed step,
 * the reading of each unnecessary one, and the shortest trace of each break. No timing, so the
 * same model gives the same text, byte for byte, on every run.
 */
public final class NecessityText {
  private static final String[] HEADER = {"#", "thread", "step", "role", "removed", "result"};

  private NecessityText() {}

  public static String render(NecessityTable table) {
    StringBuilder out = new StringBuilder();
    out.append("necessity: ").append(table.model().header()).append('\n');
    out.append("safe as written: ").append(table.original().graph()).append(", ")
        .append(table.ends()).append(table.ends() == 1 ? " end state\n" : " end states\n");
    List<NecessityRow> rows = table.rows();
    if (rows.isEmpty()) {
      return out.append("no flush, TLBI, barrier, lock, grace period or refcount step to remove\n")
          .toString();
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    for (int i = 0; i < rows.size(); i++) {
      NecessityRow r = rows.get(i);
      cells.add(new String[] {String.valueOf(i + 1), r.thread(), String.valueOf(r.step()),
          r.role(), r.removed(), r.result()});
    }
    table(out, cells);
    long needed = rows.stream().filter(r -> r.finding().needed()).count();
    out.append(needed).append(" of ").append(rows.size()).append(" removals break the model; ")
        .append(rows.size() - needed).append(" unnecessary or undecided\n");
    for (int i = 0; i < rows.size(); i++) {
      NecessityRow r = rows.get(i);
      out.append("\n#").append(i + 1).append(" without ").append(r.thread()).append("'s ")
          .append(r.removed()).append(": ").append(detail(r)).append('\n');
      if (r.finding() == NecessityRow.Finding.NEEDED) {
        out.append(ResultText.counterexample(r.verdict()));
      }
    }
    return out.toString();
  }

  /** A row's evidence; for a mutant a limit stopped, the limit. */
  private static String detail(NecessityRow r) {
    return r.verdict() instanceof Verdict.Incomplete i
        ? "stopped by " + ResultText.limit(i.limit()) + "; run with larger limits" : r.detail();
  }

  /** Left-aligned columns two spaces apart; the step column right-aligned. */
  private static void table(StringBuilder out, List<String[]> cells) {
    int[] width = new int[HEADER.length];
    for (String[] row : cells) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        boolean right = c == 0 || c == 2;
        String pad = " ".repeat(width[c] - row[c].length());
        line.append(right ? pad + row[c] : row[c] + (c + 1 < row.length ? pad : ""));
        if (c + 1 < row.length) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
