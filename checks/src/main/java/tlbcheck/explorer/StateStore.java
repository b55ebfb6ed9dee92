package tlbcheck.explorer;

import java.util.Arrays;
import java.util.Locale;

/**
 * The visited set and the search tree of one exploration, in primitive arrays only.
 *
 * <p>The visited set is an open-addressing table with linear probing whose slots hold the packed
 * states themselves ({@code words} longs each), so a lookup compares in place and a probe walks
 * sequential memory: one cache miss per lookup, not one per probe. A slot whose first word is 0
 * is empty ({@link Layout} keeps bit 0 of every state's first word set).
 *
 * <p>States get ids in the order they are first seen, which for a breadth-first search is the
 * order of the queue: the queue is the id range still to expand. Per id the store keeps the
 * state's slot, its parent's id and the thread whose step led to it: that is all a trace needs
 * (STYLE.md 3, TLC's TLCTrace). Memory per state: {@code 8 * words / load} for the table (load
 * kept between 0.375 and 0.75) plus 9 bytes. Every allocation is counted against
 * {@code maxBytes} before it is made, so a full store ends the run with {@link LimitReached},
 * never an OutOfMemoryError. Not thread-safe.
 */
final class StateStore {
  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final long MAX_TABLE_WORDS = 1L << 30;
  private static final int FIRST_CAPACITY = 1 << 10;

  private final int words;
  private final long maxBytes;
  private long[] table;
  private int capacity;
  private int[][] slots = new int[0][];
  private int[][] parents = new int[0][];
  private byte[][] moves = new byte[0][];
  private int size;
  private long bytes;

  StateStore(int words, long maxBytes) throws LimitReached {
    this.words = words;
    this.maxBytes = maxBytes;
    reserve(8L * FIRST_CAPACITY * words);
    table = new long[FIRST_CAPACITY * words];
    capacity = FIRST_CAPACITY;
  }

  int size() {
    return size;
  }

  /** Bytes allocated for the table and the tree. */
  long bytes() {
    return bytes;
  }

  /**
   * Adds {@code s} unless it is already stored.
   *
   * @return the new state's id, or -1 if it was stored before
   */
  int add(long[] s, int parent, int move) throws LimitReached {
    int mask = capacity - 1;
    int slot = (int) hash(s, 0) & mask;
    while (table[slot * words] != 0) {
      if (equalsAt(slot, s)) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    int id = size;
    if ((id & CHUNK_MASK) == 0) {
      addChunk();
    }
    System.arraycopy(s, 0, table, slot * words, words);
    slots[id >>> CHUNK_BITS][id & CHUNK_MASK] = slot;
    parents[id >>> CHUNK_BITS][id & CHUNK_MASK] = parent;
    moves[id >>> CHUNK_BITS][id & CHUNK_MASK] = (byte) move;
    size++;
    if (size > capacity / 4 * 3) {
      grow();
    }
    return id;
  }

  void load(int id, long[] into) {
    System.arraycopy(table, slot(id) * words, into, 0, words);
  }

  int parent(int id) {
    return parents[id >>> CHUNK_BITS][id & CHUNK_MASK];
  }

  int move(int id) {
    return moves[id >>> CHUNK_BITS][id & CHUNK_MASK];
  }

  private int slot(int id) {
    return slots[id >>> CHUNK_BITS][id & CHUNK_MASK];
  }

  private boolean equalsAt(int slot, long[] s) {
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
   * word. The table indexes by the low bits, which a plain multiply would leave depending on the
   * state's low bits only; packed states differ mostly in a few fields, so that clustered.
   */
  private long hash(long[] a, int off) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < words; i++) {
      h = fmix64(h ^ a[off + i]);
    }
    return h;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xFF51AFD7ED558CCDL;
    k ^= k >>> 33;
    k *= 0xC4CEB9FE1A85EC53L;
    return k ^ (k >>> 33);
  }

  private void addChunk() throws LimitReached {
    reserve((long) CHUNK * (4 + 4 + 1));
    int c = slots.length;
    slots = Arrays.copyOf(slots, c + 1);
    parents = Arrays.copyOf(parents, c + 1);
    moves = Arrays.copyOf(moves, c + 1);
    slots[c] = new int[CHUNK];
    parents[c] = new int[CHUNK];
    moves[c] = new byte[CHUNK];
  }

  /** Doubles the table, re-inserting states in id order and updating each id's slot. */
  private void grow() throws LimitReached {
    long next = 2L * capacity;
    if (next * words > MAX_TABLE_WORDS) {
      throw new LimitReached("the state table's largest size (" + capacity / 4 * 3 + " states)");
    }
    // The old and the new table are alive together while rehashing.
    reserve(8L * next * words);
    long[] bigger = new long[(int) (next * words)];
    int mask = (int) next - 1;
    for (int id = 0; id < size; id++) {
      int from = slot(id) * words;
      int slot = (int) hash(table, from) & mask;
      while (bigger[slot * words] != 0) {
        slot = (slot + 1) & mask;
      }
      System.arraycopy(table, from, bigger, slot * words, words);
      slots[id >>> CHUNK_BITS][id & CHUNK_MASK] = slot;
    }
    bytes -= 8L * table.length;
    table = bigger;
    capacity = (int) next;
  }

  private void reserve(long more) throws LimitReached {
    if (bytes + more > maxBytes) {
      throw new LimitReached(String.format(Locale.ROOT,
          "the memory bound (%,d MiB; the state store needs %,d MiB more)",
          maxBytes >> 20, (bytes + more - maxBytes + (1 << 20) - 1) >> 20));
    }
    bytes += more;
  }
}
