package tlbcheck.explorer;

/**
 * An analysis that rides on the one search (STYLE.md 12, after JPF's {@code SearchListener}):
 * the verdict's search, the metrics, the end states and acting steps of necessity, and the
 * reachable outcomes that judge jcstress all hear of the same states from the same {@link
 * Search}, with its store, its workers and its limits; none of them enumerates moves itself.
 *
 * <p>Every event comes on the search thread, in the canonical order of the search, so a
 * listener needs no locking and sees the same events on every run with any number of workers.
 * A listener that needs more of the graph than the first violation says so in {@link
 * #coverage}; the search covers the most any of its listeners asks for.
 */
interface SearchListener {
  /** How much of the state graph an analysis needs the search to cover. */
  enum Coverage {
    /** Up to the first (shortest, canonical) violation: a plain check. */
    FIRST_VIOLATION,
    /**
     * Every execution up to where it ends: a state that breaks a property, or a step that
     * fails an assertion, ends its execution and is not expanded, as on real memory, where the
     * run stops at the first property it breaks.
     */
    UP_TO_VIOLATIONS,
    /** Every reachable state, past violations too: what a metric is a maximum over. */
    WHOLE_GRAPH
  }

  default Coverage coverage() {
    return Coverage.FIRST_VIOLATION;
  }

  /**
   * The search is about to start, on {@code sem}'s model, with the symmetry reduction {@code
   * sym} (null if none): states it reports stand for their whole class under {@code sym}.
   * It may be called again, when a search starts over with more room in its store buffers: a
   * listener then forgets what the earlier start reported.
   */
  default void searchStarted(Semantics sem, Symmetry sym) {
  }

  /** Whether {@link #transition} should be told which steps change more than a pc. */
  default boolean tracksActs() {
    return false;
  }

  /**
   * A state stored for the first time, packed in {@code s} (read it through {@code sem}, do not
   * keep it): the property it breaks (null if none) and whether every thread has finished.
   */
  default void stateAdded(Semantics sem, int id, long[] s, Semantics.Broken broken,
      boolean finished) {
  }

  /**
   * A step taken from state {@code from} by {@code move}, into a new state or a known one;
   * {@code actedPc} is the pc of the step if it changed a variable or register (only when some
   * listener {@link #tracksActs}), else -1. A step that failed an assertion is told to {@link
   * #stepFailed} instead, unless the search covers the whole graph.
   */
  default void transition(int from, int move, int actedPc) {
  }

  /** A step from {@code from} by {@code move} failed step assertion {@code property}. */
  default void stepFailed(int from, int move, String property) {
  }

  /** State {@code id} is a deadlock: some thread has not finished and none can move. */
  default void deadlock(int id) {
  }

  /**
   * The search has stored every state it will (it covered what was asked, without reaching a
   * limit): a pass over the stored graph may follow, with the search's means.
   */
  default void searchDone(StoredGraph graph) throws LimitReached {
  }
}
