package tlbcheck.explorer;

/**
 * Watches a step's reads and writes of state fields (shared variables and registers) while a
 * trace is replayed. The search runs without one.
 */
interface Recorder {
  void read(int field, int value);

  void write(int field, int before, int after);

  /** Under x86: thread {@code thread}'s store buffer changed (a store entered or left it). */
  void buffer(int thread, String before, String after);
}
