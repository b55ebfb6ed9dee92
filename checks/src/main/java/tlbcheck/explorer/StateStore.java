package tlbcheck.explorer;

import java.util.Arrays;
import tlbcheck.result.Limit;

/**
 * The visited set and the search tree of one exploration, in primitive arrays only, each state
 * kept once for good.
 *
 * <p>Ids follow the order states are first seen, which for a breadth-first search is the order
 * of the queue: the queue is the id range still to expand. Per id the store keeps its parent's
 * id and the move that led to it: all a trace needs (STYLE.md 3, TLC's TLCTrace). The packed
 * state itself ({@code words} longs) is kept by id only while it is in the queue: chunks of ids
 * the search has expanded are dropped ({@link #release}), so that each state is kept for good in
 * one place, its table slot.
 *
 * <p>The visited set is split into partitions, one open-addressing table (linear probing) per
 * partition key, whose slots hold the packed states themselves. The explorer keys a state by the
 * sum of its threads' program counters. Every step moves one program counter forward, so a
 * breadth-first level only looks up states in a narrow band of keys: the tables it touches fit
 * in the CPU's caches, where one table of millions of states would make every lookup a cache and
 * TLB miss (100 to 170 ns each on the machines we measured, three times the cost of the step
 * itself). The key only places a state; membership is exact whatever the keys are. A slot whose
 * first word is 0 is empty ({@link Layout} keeps bit 0 of every state's first word set).
 *
 * <p>Memory per state kept: 5 bytes for the tree and {@code 8 * words / load} for its table slot
 * (load between 0.375 and 0.75); while in the queue, {@code 8 * words} more. Every allocation is
 * counted against {@code maxBytes} before it is made, and a dropped chunk is credited back, so a
 * full store ends the run with {@link LimitReached}, never an OutOfMemoryError. Not thread-safe;
 * other threads read queued states through a {@link #snapshot}.
 */
final class StateStore {
  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final long MAX_TABLE_WORDS = 1L << 30;
  private static final int FIRST_CAPACITY = 1 << 6;
  /**
   * The first chunk starts this small and doubles up to {@link #CHUNK}, so that a small model
   * (a litmus test of a hundred states) does not zero a megabyte per search.
   */
  private static final int FIRST_CHUNK = 1 << 8;

  private final int words;
  private final long maxBytes;
  /** Per partition key: the table, its capacity (a power of two), and its states. */
  private final long[][] tables;
  private final int[] capacity;
  private final int[] occupied;
  private long[][] states = new long[0][];
  private int[][] parents = new int[0][];
  private byte[][] moves = new byte[0][];
  private int size;
  /** Chunks below this one have been dropped by {@link #release}. */
  private int released;
  private long bytes;
  /** Written by {@link #prefetch} so that the JIT keeps its loads. */
  private long sink;

  StateStore(int words, int partitions, long maxBytes) {
    this.words = words;
    this.maxBytes = maxBytes;
    tables = new long[partitions][];
    capacity = new int[partitions];
    occupied = new int[partitions];
  }

  int size() {
    return size;
  }

  /** Bytes held now for the tables, the tree and the states still queued. */
  long bytes() {
    return bytes;
  }

  /**
   * Adds {@code s}, with partition key {@code key}, unless it is already stored.
   *
   * @return the new state's id, or -1 if it was stored before
   */
  int add(long[] s, int key, long hash, int parent, int move) throws LimitReached {
    long[] table = tables[key];
    if (table == null) {
      table = allocate(key, FIRST_CAPACITY);
    }
    int mask = capacity[key] - 1;
    int slot = (int) hash & mask;
    while (table[slot * words] != 0) {
      if (equalsAt(table, slot, s)) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    int id = size;
    if ((id & CHUNK_MASK) == 0) {
      addChunk();
    } else if ((id & CHUNK_MASK) == parents[id >>> CHUNK_BITS].length) {
      growChunk(id >>> CHUNK_BITS);
    }
    System.arraycopy(s, 0, table, slot * words, words);
    System.arraycopy(s, 0, states[id >>> CHUNK_BITS], (id & CHUNK_MASK) * words, words);
    parents[id >>> CHUNK_BITS][id & CHUNK_MASK] = parent;
    moves[id >>> CHUNK_BITS][id & CHUNK_MASK] = (byte) move;
    size++;
    if (++occupied[key] > capacity[key] / 4 * 3) {
      grow(key);
    }
    return id;
  }

  /** The hash {@link #add} wants. */
  long hash(long[] s) {
    return hash(s, 0);
  }

  /**
   * Touches the slot where a lookup of {@code hash} in partition {@code key} starts. Touching
   * the slots of all of a state's successors in one tight loop, before looking any of them up,
   * lets the CPU wait for those cache misses at the same time.
   */
  void prefetch(int key, long hash) {
    long[] table = tables[key];
    if (table != null) {
      sink += table[((int) hash & (capacity[key] - 1)) * words];
    }
  }

  /** The number of partition keys. */
  int partitions() {
    return tables.length;
  }

  /**
   * Partition {@code key}'s table, {@code words} longs a slot, a 0 first word for an empty
   * slot; null if no state has that key. For passes over the whole store; do not modify.
   */
  long[] table(int key) {
    return tables[key];
  }

  /** The slot of {@code s} in partition {@code key}'s table, or -1 if it is not stored. */
  int find(long[] s, int key) {
    return find(s, key, hash(s, 0));
  }

  private int find(long[] s, int key, long hash) {
    long[] table = tables[key];
    if (table == null) {
      return -1;
    }
    int mask = capacity[key] - 1;
    int slot = (int) hash & mask;
    while (table[slot * words] != 0) {
      if (equalsAt(table, slot, s)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /**
   * A zeroed array of {@code perSlot} values for each slot of partition {@code key}'s table,
   * counted against the memory bound like the store itself.
   */
  int[] allocateValues(int key, int perSlot) throws LimitReached {
    long length = (long) capacity[key] * perSlot;
    reserve(4L * length);
    return new int[(int) length];
  }

  void load(int id, long[] into) {
    System.arraycopy(states[id >>> CHUNK_BITS], (id & CHUNK_MASK) * words, into, 0, words);
  }

  /**
   * The states stored so far, for another thread to read while this one goes on adding: a
   * chunk, once allocated, never moves, and ids below {@link #size} never change.
   */
  Snapshot snapshot() {
    return new Snapshot(states.clone(), size, words);
  }

  /** The states of ids below {@code size} as they were when it was taken. */
  record Snapshot(long[][] chunks, int size, int words) {
    void load(int id, long[] into) {
      System.arraycopy(chunks[id >>> CHUNK_BITS], (id & CHUNK_MASK) * words, into, 0, words);
    }
  }

  int parent(int id) {
    return parents[id >>> CHUNK_BITS][id & CHUNK_MASK];
  }

  /** The move that first reached state {@code id}, kept in an unsigned byte. */
  int move(int id) {
    return moves[id >>> CHUNK_BITS][id & CHUNK_MASK] & 0xFF;
  }

  private boolean equalsAt(long[] table, int slot, long[] s) {
    int base = slot * words;
    for (int i = 0; i < words; i++) {
      if (table[base + i] != s[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the {@code words} longs of {@code a} from {@code off}: murmur3's fmix64 over each
   * word. A table indexes by the low bits, and packed states differ mostly in a few fields, so
   * every input bit must reach them.
   */
  private long hash(long[] a, int off) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < words; i++) {
      long k = h ^ a[off + i];
      k ^= k >>> 33;
      k *= 0xFF51AFD7ED558CCDL;
      k ^= k >>> 33;
      k *= 0xC4CEB9FE1A85EC53L;
      h = k ^ (k >>> 33);
    }
    return h;
  }

  private long[] allocate(int key, int slots) throws LimitReached {
    if ((long) slots * words > MAX_TABLE_WORDS) {
      throw new LimitReached(Limit.table(slots / 8 * 3));
    }
    reserve(8L * slots * words);
    long[] table = new long[slots * words];
    tables[key] = table;
    capacity[key] = slots;
    return table;
  }

  private void addChunk() throws LimitReached {
    int c = states.length;
    int length = c == 0 ? FIRST_CHUNK : CHUNK;
    reserve((long) length * (8L * words + 4 + 1));
    states = Arrays.copyOf(states, c + 1);
    parents = Arrays.copyOf(parents, c + 1);
    moves = Arrays.copyOf(moves, c + 1);
    states[c] = new long[length * words];
    parents[c] = new int[length];
    moves[c] = new byte[length];
  }

  /** Doubles the first chunk, which starts small; a snapshot keeps reading the old arrays. */
  private void growChunk(int c) throws LimitReached {
    int length = parents[c].length;
    reserve((long) length * (8L * words + 4 + 1));
    states[c] = Arrays.copyOf(states[c], 2 * length * words);
    parents[c] = Arrays.copyOf(parents[c], 2 * length);
    moves[c] = Arrays.copyOf(moves[c], 2 * length);
  }

  /**
   * Drops the queued copies of the states with ids below {@code id}, which the search has
   * expanded and will not read again: their table slots keep them. {@link #load} of such an id
   * is then an error.
   */
  void release(int id) {
    for (int c = released; c < id >>> CHUNK_BITS; c++) {
      bytes -= 8L * states[c].length;
      states[c] = null;
    }
    released = Math.max(released, id >>> CHUNK_BITS);
  }

  /** Doubles one partition's table; the by-id arrays do not change. */
  private void grow(int key) throws LimitReached {
    long[] old = tables[key];
    int oldCapacity = capacity[key];
    // The old and the new table are alive together while rehashing.
    long[] bigger = allocate(key, 2 * oldCapacity);
    int mask = 2 * oldCapacity - 1;
    for (int from = 0; from < old.length; from += words) {
      if (old[from] == 0) {
        continue;
      }
      int slot = (int) hash(old, from) & mask;
      while (bigger[slot * words] != 0) {
        slot = (slot + 1) & mask;
      }
      System.arraycopy(old, from, bigger, slot * words, words);
    }
    bytes -= 8L * old.length;
  }

  private void reserve(long more) throws LimitReached {
    if (bytes + more > maxBytes) {
      throw new LimitReached(Limit.memory(maxBytes, bytes + more - maxBytes));
    }
    bytes += more;
  }
}
