package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One thread of a model: its name (a trace's column header), its program (steps indexed by
 * program counter; the program's length means "finished"), its registers, and the threads it
 * starts after (a scenario's ordering, for instance "the notifier starts only after sync has
 * finished"). Built by {@link ThreadBuilder}; immutable.
 */
public final class ThreadDef {
  private final String name;
  private final int index;
  private final ImmutableList<Step> program;
  private final ImmutableList<Reg> regs;
  private final int[] startsAfter;

  ThreadDef(String name, int index, List<Step> program, List<Reg> regs, int[] startsAfter) {
    this.name = name;
    this.index = index;
    this.program = ImmutableList.copyOf(program);
    this.regs = ImmutableList.copyOf(regs);
    this.startsAfter = startsAfter.clone();
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }

  /** The steps, indexed by program counter. */
  public List<Step> program() {
    return program;
  }

  public Step step(int pc) {
    return program.get(pc);
  }

  /** The program counter of a finished thread. */
  public int end() {
    return program.size();
  }

  public List<Reg> regs() {
    return regs;
  }

  /**
   * The number of alternatives of each choice step, in program order: the shape of a choice
   * plan, which an engine on real threads must fix before a run.
   */
  public int[] choiceWays() {
    return program.stream().filter(s -> s.ways() > 1).mapToInt(Step::ways).toArray();
  }

  /** Indices of the threads that must have finished before this one takes its first step. */
  public int[] startsAfter() {
    return startsAfter.clone();
  }

  /** This thread with another start order. */
  /**
   * This thread with another program of the same length (a step replaced where it stood, so
   * that jumps and metric spans keep their program counters): how a necessity mutant is made.
   */
  public ThreadDef withProgram(List<Step> steps) {
    if (steps.size() != program.size()) {
      throw new IllegalArgumentException("thread " + name + " has " + program.size()
          + " steps; a replacement program has " + steps.size());
    }
    return new ThreadDef(name, index, steps, regs, startsAfter);
  }

  ThreadDef startingAfter(int[] threads) {
    return new ThreadDef(name, index, program, regs, threads);
  }

  @Override
  public String toString() {
    return name;
  }
}
