package tlbcheck.explorer;

/**
 * Where a {@link SuccessorGenerator} reads the states it expands: the store itself on the search
 * thread, a snapshot of it on a worker.
 */
@FunctionalInterface
interface StateSource {
  void load(int id, long[] into);
}
