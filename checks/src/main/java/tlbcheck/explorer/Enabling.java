package tlbcheck.explorer;

import tlbcheck.model.Step;
import tlbcheck.model.StepKind;

/**
 * Which moves a state enables: a thread's next step (or each alternative of a choice) when the
 * thread has started, its guard holds and, under x86, its store buffer is empty if the step
 * needs it so; and, under x86, the drain of each non-empty store buffer. Part of {@link
 * Semantics}, which owns the context guards are evaluated in.
 */
final class Enabling {
  private final Semantics sem;
  private final PackedContext ctx;
  private final Step[][] programs;
  private final int[] end;
  private final int[][] startsAfter;
  private final MoveTable moves;

  Enabling(Semantics sem, PackedContext ctx, Step[][] programs, int[] end, int[][] startsAfter,
      MoveTable moves) {
    this.sem = sem;
    this.ctx = ctx;
    this.programs = programs;
    this.end = end;
    this.startsAfter = startsAfter;
    this.moves = moves;
  }

  private boolean alternativeEnabled(long[] s, int t, Step alternative) {
    if (sem.memory == MemoryModel.X86 && StoreBuffers.drains(alternative)
        && sem.waiting.pending(s, t)) {
      return false;
    }
    if (!alternative.hasGuard()) {
      return true;
    }
    ctx.bindReadOnly(s, t, alternative);
    return alternative.enabled(ctx);
  }

  /** A thread that thread t, at {@code pc}, must wait for to finish before it starts, or -1. */
  int waitsFor(long[] s, int t, int pc) {
    if (pc == 0) {
      for (int u : startsAfter[t]) {
        if (!sem.finished(s, u)) {
          return u;
        }
      }
    }
    return -1;
  }

  /** Whether thread {@code t}'s alternative {@code way} (0 for a plain step) is enabled. */
  boolean enabled(long[] s, int t, int way) {
    int pc = sem.pc(s, t);
    if (sem.isDrain(t, way)) {
      return sem.waiting.committable(s, t, way, pc)
          && (way != moves.drainWay(t) || moves.lateWays() == 0 || waitsFor(s, t, pc) < 0);
    }
    int w = sem.alternative(way);
    return pc != end[t] && w < programs[t][pc].ways() && waitsFor(s, t, pc) < 0
        && alternativeEnabled(s, t, programs[t][pc].way(w));
  }

  /**
   * The moves enabled in {@code s}, into {@code out} in canonical order (thread, then
   * alternative), each guard evaluated once; returns how many. The one place that enumerates a
   * state's moves: the search, the metric pass and every listener see these. {@code out} needs
   * {@code moves.size()} entries.
   */
  int enabledMoves(long[] s, int[] out) {
    int n = 0;
    for (int t = 0; t < programs.length; t++) {
      int pc = sem.pc(s, t);
      if (pc != end[t] && waitsFor(s, t, pc) < 0) {
        Step step = programs[t][pc];
        int choices = moves.choices();
        // A load chooses among the writes in memory: no more choices than writes listed; a
        // hardware step's walks, among their product, which applyEnabled bounds as it goes.
        int listed = sem.layout.arm == null ? 0 : sem.layout.arm.count(s) + 1;
        int tries = sem.layout.arm == null ? 1
            : step.kind() == StepKind.HARDWARE ? choices : Math.min(choices, listed);
        for (int w = 0; w < step.ways(); w++) {
          if (alternativeEnabled(s, t, step.way(w))) {
            for (int k = 0; k < tries; k++) {
              out[n++] = moves.move(t, w * choices + k);
            }
          }
        }
      }
      if (moves.lateWays() > 0) {
        n = lateMoves(s, t, pc, out, n);
      }
      for (int c = 0; c < moves.commits(t) && sem.waiting.pending(s, t); c++) {
        int way = moves.commitWay(t) + c;
        if (sem.waiting.committable(s, t, way, pc)) {
          out[n++] = moves.move(t, way);
        }
      }
    }
    return n;
  }

  /**
   * Under arm64, thread t's moves of a late load into {@code out} from {@code n}: its issue, if
   * its next step may read late; and per waiting load one per write it may read. Returns the
   * count.
   */
  private int lateMoves(long[] s, int t, int pc, int[] out, int n) {
    int first = moves.drainWay(t);
    if (sem.waiting.committable(s, t, first, pc) && waitsFor(s, t, pc) < 0) {
      out[n++] = moves.move(t, first);
    }
    int tries = Math.min(moves.choices(), sem.layout.arm.count(s) + 1);
    int waiting = sem.waiting.lateReads(s, t);
    for (int j = 0; j < waiting; j++) {
      for (int k = 0; k < tries; k++) {
        out[n++] = moves.move(t, first + 1 + j * moves.choices() + k);
      }
    }
    return n;
  }

  /** Whether some thread can take a step in {@code s}. */
  boolean anyEnabled(long[] s) {
    for (int t = 0; t < programs.length; t++) {
      if (sem.waiting.pending(s, t)) {
        return true;
      }
      for (int w = 0; sem.pc(s, t) != end[t] && w < programs[t][sem.pc(s, t)].ways(); w++) {
        if (enabled(s, t, w * moves.choices())) {
          return true;
        }
      }
    }
    return false;
  }
}
