package tlbcheck.report;

import java.util.List;

/**
 * A path through a model from its initial state: the thread names (the columns), the steps in
 * order, and every shared variable's value in the last state ({@code spte = NONPRESENT}).
 */
public record Trace(ModelRef model, List<String> threads, List<TraceStep> steps,
    List<Change> finalState) {
  public Trace {
    threads = List.copyOf(threads);
    steps = List.copyOf(steps);
    finalState = List.copyOf(finalState);
  }
}
