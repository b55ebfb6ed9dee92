package tlbcheck.explorer;

/**
 * Watches a step's reads and writes of state fields (shared variables and registers) while a
 * trace is replayed. The search runs without one.
 */
interface Recorder {
  void read(int field, int value);

  /**
   * Under arm64: the step read {@code value}, an older write than the newest in memory, {@code
   * newest}: a read satisfied early.
   */
  void oldRead(int field, int value, int newest);

  /**
   * Under arm64: a page-table walk read {@code value}, an older write than the newest in
   * memory, {@code newest}: a stale translation, as a TLB may hold it.
   */
  void staleWalk(int field, int value, int newest);

  void write(int field, int before, int after);

  /**
   * Under x86 and arm64: thread {@code thread}'s writes waiting to reach memory changed (a store
   * entered its store buffer, or one reached memory).
   */
  void buffer(int thread, String before, String after);
}
