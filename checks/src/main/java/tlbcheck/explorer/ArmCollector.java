package tlbcheck.explorer;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * Keeps {@link ArmMemory}'s timestamps small and canonical, so that equal memories pack equally:
 * drops the writes no CPU can read any more, by what each thread's program has left to run
 * (which is why a program under arm64 runs forward only).
 */
final class ArmCollector {
  private final ArmMemory mem;
  /**
   * Per thread and pc: whether a software or lock step is at or after it, which may load an
   * older write.
   */
  private final boolean[][] loadsAhead;

  ArmCollector(ArmMemory mem) {
    this.mem = mem;
    Model model = mem.model;
    this.loadsAhead = new boolean[model.threads().size()][];
    for (ThreadDef t : model.threads()) {
      List<Step> program = t.program();
      boolean[] ahead = new boolean[program.size() + 1];
      for (int pc = program.size() - 1; pc >= 0; pc--) {
        Step step = program.get(pc);
        ahead[pc] = ahead[pc + 1] || step.kind() == StepKind.SOFTWARE
            || step.kind() == StepKind.LOCK;
      }
      loadsAhead[t.index()] = ahead;
    }
  }

  /**
   * Drops writes no CPU can read any more and renumbers the rest: the oldest listed write of x
   * becomes x's oldest value once no CPU can read x's oldest value ({@link #seenByAll}); every
   * timestamp and view above it moves down by one, and one at it too, to the newest write below
   * it, which bounds the same writes of every other variable.
   */
  void collect(long[] s) {
    boolean again = true;
    while (again) {
      again = false;
      for (int ts = 1; ts <= mem.count(s) && !again; ts++) {
        int x = mem.loc(s, ts);
        if (mem.latestAtOrBelow(s, x, ts - 1) == 0 && seenByAll(s, x, ts)) {
          mem.makeOldest(s, x, ts);
          again = true;
        }
      }
    }
  }

  /**
   * Whether no CPU can read a write of x older than the one at {@code ts}: each has no software
   * step left, or has seen {@code ts} or a newer write of x at or below max(coh(x), vrNew), the
   * least bound any of its future loads of x has (its waiting load's: {@link ArmLateReads}); and
   * for a translation-table entry, no hardware step is left, or every TLB entry's bound is at
   * or past a newer write (a walk may read back to its TLB entry's bound; any other hardware
   * load reads the newest write).
   */
  private boolean seenByAll(long[] s, int x, int ts) {
    if (mem.model.vars().get(x).kind() == Var.Kind.TABLE
        && mem.latestAtOrBelow(s, x, mem.tlbs.leastBound(s)) < ts && mem.tlbs.walksAhead(s)) {
      return false;
    }
    for (int t = 0; t < loadsAhead.length; t++) {
      int j = mem.waiting.readOf(s, t, x);
      boolean late = j >= 0;
      if (!loadsAhead[t][mem.pc(s, t)] && !late) {
        continue;
      }
      // A waiting load of x is bounded by vrNew as it was when it was issued, at or below now.
      int bound = Math.max(mem.coh(s, t, x),
          late ? mem.late.bound(s, t, j) : mem.view(s, t, ArmMemory.VR_NEW));
      if (mem.latestAtOrBelow(s, x, bound) < ts) {
        return false;
      }
    }
    return true;
  }
}
