package tlbcheck.explorer;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The state graph a finished search stored, and the search's means to walk it again: one
 * {@link Lane} per thread (the search thread's first), the pool the other lanes run on (null
 * with one), the smallest share worth a lane, and the search's clock. What a pass over the whole
 * graph after the search ({@link MetricPass}) is given, so that it uses the search's store,
 * workers and limits rather than its own.
 */
record StoredGraph(StateStore store, List<Lane> lanes, ExecutorService pool, int minShare,
    Clock clock) {
  /**
   * A thread's means to take steps: its own {@link Semantics}, and the {@link Symmetry} and
   * {@link LocalMoves} of the search (each null if it did not use it).
   */
  record Lane(Semantics sem, Symmetry sym, LocalMoves local) {}
}
