package tlbcheck.model;

import java.util.Arrays;
import java.util.List;

/**
 * The checks a model's declaration passes before it exists (STYLE.md 7) that look at more than
 * one declaration at once: the start order, and threads declared symmetric. Each error names the
 * model and the threads at fault.
 */
final class ModelValidation {
  private ModelValidation() {
  }

  /** No thread waits, through startsAfter, for itself. */
  static void checkStartOrderIsAcyclic(String where, List<ThreadDef> threads) {
    int[] state = new int[threads.size()];
    for (int i = 0; i < threads.size(); i++) {
      visit(where, threads, i, state);
    }
  }

  private static void visit(String where, List<ThreadDef> threads, int t, int[] state) {
    if (state[t] == 2) {
      return;
    }
    if (state[t] == 1) {
      throw new ModelError(where + ": thread " + threads.get(t).name()
          + " waits, through startsAfter, for itself to finish: no thread could ever start");
    }
    state[t] = 1;
    for (int u : threads.get(t).startsAfter()) {
      visit(where, threads, u, state);
    }
    state[t] = 2;
  }

  /**
   * What can be seen of threads declared symmetric must be alike: their programs step by
   * step (label up to numbers, kind, ways), their registers, their start order and their variables'
   * domains and initial values.
   */
  static void checkAlike(String where, List<Var> vars, List<ThreadDef> group,
      List<List<Integer>> owned) {
    ThreadDef first = group.get(0);
    for (int i = 1; i < group.size(); i++) {
      ThreadDef t = group.get(i);
      String differs = null;
      if (t.end() != first.end()) {
        differs = "programs of " + first.end() + " and " + t.end() + " steps";
      } else if (!Arrays.equals(t.startsAfter(), first.startsAfter())) {
        differs = "start orders";
      } else if (t.regs().size() != first.regs().size()) {
        differs = "registers";
      }
      for (int pc = 0; differs == null && pc < t.end(); pc++) {
        Step a = first.step(pc);
        Step b = t.step(pc);
        // Labels may name the thread's own CPU ("root[1] = r"): numbers are not compared.
        if (!a.label().replaceAll("[0-9]+", "#").equals(b.label().replaceAll("[0-9]+", "#"))
            || a.kind() != b.kind() || a.ways() != b.ways()) {
          differs = "steps at pc " + pc + " ('" + a.label() + "', '" + b.label() + "')";
        }
      }
      for (int r = 0; differs == null && r < t.regs().size(); r++) {
        Reg a = first.regs().get(r);
        Reg b = t.regs().get(r);
        if (!a.name().equals(b.name()) || !a.domain().equals(b.domain())
            || a.initial() != b.initial()) {
          differs = "registers " + a.name() + " and " + b.name();
        }
      }
      for (int v = 0; differs == null && v < owned.get(0).size(); v++) {
        Var a = vars.get(owned.get(0).get(v));
        Var b = vars.get(owned.get(i).get(v));
        if (!a.domain().equals(b.domain()) || a.initial() != b.initial()) {
          differs = "variables " + a.name() + " and " + b.name();
        }
      }
      if (differs != null) {
        throw new ModelError(where + ": threads " + first.name() + " and " + t.name()
            + " are declared symmetric but have different " + differs);
      }
    }
  }
}
