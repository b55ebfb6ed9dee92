package tlbcheck.explorer;

/**
 * Everything that shapes one search, in one immutable value (STYLE.md 10): its bounds, its
 * reductions, how many threads it runs on and how large a slice each worker takes. The search
 * reads nothing else; every analysis riding on it shares these.
 *
 * @param limits the bounds: reaching one ends the run INCOMPLETE
 * @param reductions the state-space reductions used
 * @param workers threads: this one, which inserts, and {@code workers - 1} that generate
 *     successors; the result is the same, byte for byte, for any number
 * @param slice the states a worker takes at a time, rounded up to whole groups, or 0 for the
 *     default; also the smallest partition the metric pass splits between threads. Tests make
 *     it small so that small models take the parallel paths.
 * @param memory the memory model the steps run on
 */
public record SearchConfig(Limits limits, Reductions reductions, int workers, int slice,
    MemoryModel memory) {
  public SearchConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    if (slice < 0) {
      throw new IllegalArgumentException("slice must be 0 (the default) or positive, got "
          + slice);
    }
  }

  /** Default limits, every reduction on, one thread. */
  public static SearchConfig defaults() {
    return new SearchConfig(Limits.defaults(), Reductions.ALL, 1, 0, MemoryModel.SC);
  }

  public SearchConfig withLimits(Limits value) {
    return new SearchConfig(value, reductions, workers, slice, memory);
  }

  public SearchConfig withReductions(Reductions value) {
    return new SearchConfig(limits, value, workers, slice, memory);
  }

  public SearchConfig withWorkers(int value) {
    return new SearchConfig(limits, reductions, value, slice, memory);
  }

  public SearchConfig withSlice(int value) {
    return new SearchConfig(limits, reductions, workers, value, memory);
  }

  public SearchConfig withMemory(MemoryModel value) {
    return new SearchConfig(limits, reductions, workers, slice, value);
  }
}
