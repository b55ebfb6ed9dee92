package tlbcheck.explorer;

/**
 * The state store's partition key of a state, which also orders the metric pass: the sum of
 * all program counters. Every step moves one program counter forward, so states a breadth-first
 * level reaches have nearby sums, and a step never lowers the key of a program without backward
 * jumps. Under x86 and arm64 a write reaching memory moves no pc, so the key is twice the sum
 * less the writes still waiting: it grows by one on a store (pc + 1, one more waiting) and on
 * a write reaching memory, by two on any other step.
 * Part of {@link Semantics}.
 */
final class PartitionKeys {
  private final Semantics sem;
  private final int[] end;
  /** The writes waiting to reach memory (x86, arm64). */
  private final WaitingWrites waiting;

  PartitionKeys(Semantics sem, int[] end, WaitingWrites waiting) {
    this.sem = sem;
    this.end = end;
    this.waiting = waiting;
  }

  /** The key of {@code s}. */
  int of(long[] s) {
    int sum = 0;
    for (int t = 0; t < end.length; t++) {
      sum += sem.pc(s, t);
    }
    // A backward jump can buffer more stores than the pcs have moved: the key stays a valid
    // partition.
    return waiting.exist() ? Math.max(0, 2 * sum - waiting.total(s)) : sum;
  }

  /**
   * The key of {@code next}, reached from a state of key {@code key} by the step just applied,
   * which moved its thread's pc from {@code pc} to {@code nextPc}: under sequential consistency
   * only that pc moved.
   */
  int after(int key, int pc, int nextPc, long[] next) {
    return waiting.exist() ? of(next) : key - pc + nextPc;
  }

  /**
   * One more than the largest key. Every state where all threads have finished, under x86 with
   * no write waiting, and only those, have the largest key: the search and its listeners
   * rely on it.
   */
  int bound() {
    int bound = 1;
    for (int e : end) {
      bound += e;
    }
    return waiting.exist() ? 2 * bound - 1 : bound;
  }
}
