package tlbcheck.explorer;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.ThreadDef;

/**
 * One mutant of {@code tlbcheck necessity}: the steps of one thread taken out together. Most
 * removals are one step (a CPU's part of a flush, a barrier, a grace period, a put_page). A lock
 * goes with its releases, because a lock removed alone leaves an unlock of a free lock, which is
 * a bug of the mutant, not of the protocol: the acquire steps in a row on one resource (an
 * rwlock's queue and take) and every release of that resource after them, up to the thread's
 * next acquire of it (a critical section with early exits has one release per exit).
 *
 * @param thread the thread's index
 * @param pcs the program counters removed, in program order; the first has the role
 * @param role what the removed steps do
 */
public record Removal(int thread, List<Integer> pcs, Role role) {
  public Removal {
    pcs = ImmutableList.copyOf(pcs);
  }

  /** Every removal of {@code model}, in thread order and then program order. */
  public static List<Removal> of(Model model) {
    List<Removal> all = new ArrayList<>();
    for (ThreadDef t : model.threads()) {
      List<Step> program = t.program();
      for (int pc = 0; pc < program.size(); pc++) {
        Role role = program.get(pc).role();
        if (role == null || role == Role.RELEASE || continuesAcquire(program, pc)) {
          continue;
        }
        List<Integer> pcs = new ArrayList<>();
        pcs.add(pc);
        if (role == Role.ACQUIRE) {
          addSection(program, pc, pcs);
        }
        all.add(new Removal(t.index(), pcs, role));
      }
    }
    return all;
  }

  /** Whether step {@code pc} is the second part of an acquire that began one step earlier. */
  private static boolean continuesAcquire(List<Step> program, int pc) {
    return pc > 0 && program.get(pc).role() == Role.ACQUIRE
        && program.get(pc - 1).role() == Role.ACQUIRE
        && program.get(pc).resource().equals(program.get(pc - 1).resource());
  }

  private static void addSection(List<Step> program, int first, List<Integer> pcs) {
    String resource = program.get(first).resource();
    int pc = first + 1;
    while (pc < program.size() && continuesAcquire(program, pc)) {
      pcs.add(pc++);
    }
    for (; pc < program.size(); pc++) {
      Step s = program.get(pc);
      if (resource.equals(s.resource())) {
        if (s.role() == Role.ACQUIRE) {
          return;
        }
        pcs.add(pc);
      }
    }
  }

  /**
   * What is removed, for a table: the first step's label, with the lock's releases ({@code
   * spin_lock(mmu_lock) .. spin_unlock(mmu_lock)}, and how many when there are several).
   */
  public String describe(Model model) {
    List<Step> program = model.thread(thread).program();
    Step first = program.get(pcs.get(0));
    if (role != Role.ACQUIRE) {
      return first.label();
    }
    List<String> releases = new ArrayList<>();
    for (int pc : pcs) {
      if (program.get(pc).role() == Role.RELEASE) {
        releases.add(program.get(pc).label());
      }
    }
    if (releases.isEmpty()) {
      return first.label() + " (no release)";
    }
    String release = releases.get(0);
    return first.label() + " .. " + release
        + (releases.size() > 1 ? " (" + releases.size() + " releases)" : "");
  }

  /**
   * The mutant of {@code model} without these steps: each becomes a step that does nothing,
   * labelled {@code (removed) ...}, in its place, so that jumps and metric spans keep their
   * program counters. It declares no symmetry, since the removal tells the threads apart.
   */
  public Model mutant(Model model) {
    List<ThreadDef> mutated = new ArrayList<>(model.threads());
    ThreadDef t = model.thread(thread);
    List<Step> program = new ArrayList<>(t.program());
    for (int pc : pcs) {
      program.set(pc, program.get(pc).removed());
    }
    mutated.set(t.index(), t.withProgram(program));
    return model.withThreads(mutated, List.of());
  }
}
