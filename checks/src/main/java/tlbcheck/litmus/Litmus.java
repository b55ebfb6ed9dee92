package tlbcheck.litmus;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.explorer.FinalStates;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.Clause;
import tlbcheck.file.ModelFile;
import tlbcheck.model.ModelError;

/**
 * Runs a litmus file as herd7 does: every final state of the model, projected on the locations
 * the final clause names, each judged by the clause's condition. The explorer's search is the
 * one that decides every verdict, so a litmus test and a protocol model are explored alike.
 */
public final class Litmus {
  private Litmus() {
  }

  /** The observation of {@code file}'s final clause, searched within {@code config}. */
  public static Observation run(ModelFile file, SearchConfig config) throws LimitReached {
    Clause clause = file.clause();
    if (clause == null) {
      throw new ModelError(file.file() + ": has no final clause (exists, "
          + "~exists or forall) for the litmus command to observe; check it with "
          + "'tlbcheck check " + file.file() + "'");
    }
    List<int[]> finals = FinalStates.of(file.model(), config, clause::observe);
    int positive = 0;
    List<String> states = new ArrayList<>();
    for (int[] values : finals) {
      if (clause.holds(values)) {
        positive++;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.length; i++) {
        sb.append(clause.observed().get(i)).append('=').append(values[i]).append("; ");
      }
      states.add(sb.toString().trim());
    }
    return new Observation(file.name(), positive, finals.size() - positive, states);
  }
}
