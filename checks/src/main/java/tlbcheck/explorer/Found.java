package tlbcheck.explorer;

/**
 * A violation the search found: the state at its end, or the step from {@code state} that breaks
 * it ({@code move} >= 0). {@code order} is the canonical position, among one level's transitions,
 * of the transition that found it (parent id * moves + move): of two found one step deeper, the
 * first wins.
 */
record Found(int depth, int state, int move, String property, String text, String explanation,
    boolean deadlock, long order) {
  static Found first(Found a, Found b) {
    return a == null ? b : b == null ? a : a.order <= b.order ? a : b;
  }
}
