package tlbcheck.cli;

import picocli.CommandLine.Option;
import tlbcheck.explorer.Limits;
import tlbcheck.explorer.MemoryModel;
import tlbcheck.explorer.Reductions;
import tlbcheck.explorer.SearchConfig;

/**
 * What every exploring command shares: the limits (reaching one gives INCOMPLETE and exit 3)
 * and the reductions, which are on unless switched off.
 */
final class ExploreOptions {
  @Option(names = "--no-symmetry",
      description = "store every state, not one per class of states equal up to a permutation "
          + "of the vCPUs declared symmetric (to measure the reduction, or to check a model's "
          + "symmetry)")
  boolean noSymmetry;

  @Option(names = {"--no-partial-order", "--no-por"},
      description = "under arm64, take every move of every state, not a thread's local step "
          + "alone where it has one (to measure the reduction)")
  boolean noPartialOrder;

  @Option(names = "--workers", paramLabel = "n",
      description = "threads that generate successors (default 1); the output is the same, "
          + "byte for byte, with any number")
  Integer workers;

  @Option(names = "--memory", paramLabel = "M",
      description = "memory model: sc (sequential consistency), x86 (x86-TSO: store buffers) "
          + "or arm64 (Armv8-A: loads may read older writes, stores reach memory out of "
          + "order); default sc (verify: each model's own, sc and the one of its hardware)")
  String memory;

  @Option(names = "--max-states", paramLabel = "n",
      description = "stop after storing this many states")
  Long maxStates;

  @Option(names = "--max-seconds", paramLabel = "s", description = "stop after this much time")
  Double maxSeconds;

  @Option(names = "--max-memory", paramLabel = "MiB",
      description = "memory bound of the state store (default: 60%% of the JVM heap)")
  Long maxMemoryMib;

  Limits limits() {
    Limits l = Limits.defaults();
    if (maxStates != null) {
      l = l.withMaxStates(positive("--max-states", maxStates));
    }
    if (maxSeconds != null) {
      if (!(maxSeconds > 0) || maxSeconds.isInfinite()) {
        throw new UsageError("--max-seconds must be a positive number of seconds, got "
            + maxSeconds);
      }
      l = l.withMaxSeconds(maxSeconds);
    }
    if (maxMemoryMib != null) {
      l = l.withMaxBytes(positive("--max-memory", maxMemoryMib) << 20);
    }
    return l;
  }

  /** The worker threads, or {@code otherwise} when --workers is not given. */
  int workers(int otherwise) {
    if (workers == null) {
      return otherwise;
    }
    if (workers < 1 || workers > 256) {
      throw new UsageError("--workers must be between 1 and 256, got " + workers);
    }
    return workers;
  }

  Reductions reductions() {
    return new Reductions(!noSymmetry, !noPartialOrder);
  }

  /** The search these options describe, with {@code defaultWorkers} unless --workers is given. */
  SearchConfig config(int defaultWorkers) {
    return new SearchConfig(limits(), reductions(), workers(defaultWorkers), 0, memory());
  }

  /** The memory model asked for, or sc. */
  MemoryModel memory() {
    return memory == null ? MemoryModel.SC : asked();
  }

  /** The memory model asked for, or null if --memory is not given. */
  MemoryModel asked() {
    if (memory == null) {
      return null;
    }
    try {
      return MemoryModel.of(memory);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--memory: " + e.getMessage());
    }
  }

  private static long positive(String name, long value) {
    if (value < 1) {
      throw new UsageError(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
