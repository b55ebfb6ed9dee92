package tlbcheck.result;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A necessity run over one safe model: the model's own statistics, and one row per removal.
 *
 * @param model the model the mutants were made from
 * @param original the model's own exploration, which proves it safe
 * @param ends how many distinct end states (shared variables, every thread finished) it has
 * @param rows one per removal, in thread and program order
 */
public record NecessityTable(ModelRef model, Stats original, int ends, List<NecessityRow> rows) {
  public NecessityTable {
    rows = ImmutableList.copyOf(rows);
  }
}
