package tlbcheck.explorer;

/**
 * The successors of a group of states, in canonical order (parent id, then move), each with
 * the parent, the move taken, the partition key, the hash the store wants and whether its step
 * acted. Reused
 * from group to group; not thread-safe.
 */
final class Successors {
  final long[][] states;
  final int[] parents;
  final int[] moves;
  final int[] keys;
  final long[] hashes;
  /** The pc of the step that led to each, if it changed more than the pc (tracked), else -1. */
  final int[] acted;
  int count;

  Successors(int capacity, int words) {
    states = new long[capacity][words];
    parents = new int[capacity];
    moves = new int[capacity];
    keys = new int[capacity];
    hashes = new long[capacity];
    acted = new int[capacity];
  }

  void clear() {
    count = 0;
  }

  /** A copy of {@code parent} to take a step in; {@link #keep} keeps it. */
  long[] next(long[] parent) {
    long[] s = states[count];
    // A loop: states are one or two words, where System.arraycopy's call costs more.
    for (int i = 0; i < s.length; i++) {
      s[i] = parent[i];
    }
    return s;
  }

  void keep(int parent, int move, int key, long hash, int actedPc) {
    acted[count] = actedPc;
    parents[count] = parent;
    moves[count] = move;
    keys[count] = key;
    hashes[count] = hash;
    count++;
  }
}
