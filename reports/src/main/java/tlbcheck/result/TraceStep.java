package tlbcheck.result;

import java.util.List;

/**
 * One step of a trace: the thread that took it (index into {@link Trace#threads()}), the step's
 * label, and what it changed: shared variables first, then the thread's own registers.
 */
public record TraceStep(int thread, String label, List<Change> changes) {
  public TraceStep {
    changes = List.copyOf(changes);
  }
}
