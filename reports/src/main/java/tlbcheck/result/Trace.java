package tlbcheck.result;

import com.fasterxml.jackson.annotation.JsonProperty;
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

  /**
   * The schedule this trace took, one {@code thread: label} per step, the lines a hand-written
   * schedule for {@code tlbcheck replay} holds. In the JSON form for people to copy; a reader
   * takes the steps and ignores it.
   */
  @JsonProperty(value = "schedule", access = JsonProperty.Access.READ_ONLY)
  public List<String> schedule() {
    return steps.stream().map(s -> threads.get(s.thread()) + ": " + s.label()).toList();
  }
}
