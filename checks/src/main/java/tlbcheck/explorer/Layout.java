package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Reg;
import tlbcheck.model.Var;

/**
 * Where each field of a state lives in its packed form: the shared variables first (field id =
 * {@link Var#id()}), then one program counter per thread, then every register, then under x86
 * the threads' store buffers ({@link StoreBuffers}). A field takes
 * the bits its domain needs and never straddles two words, so reading one is a shift and a mask.
 * Immutable.
 */
final class Layout {
  final int words;
  final int vars;
  final int pcBase;
  final int regBase;
  /**
   * Where field f starts: its word times 64 plus its first bit. A long shift uses only the low 6
   * bits of its count, so {@code s[pos >>> 6] >>> pos} reads from the right place in one load.
   */
  private final int[] pos;
  private final long[] mask;
  /** Domain size per field: a store of a value >= size[f] is a model error. */
  final int[] size;
  /** The store buffers, or null under sequential consistency. */
  final StoreBuffers buffers;
  /** Armv8's memory under arm64, else null. */
  final ArmMemory arm;

  private Layout(Model m, MemoryModel memory, int[] room) {
    vars = m.vars().size();
    pcBase = vars;
    regBase = vars + m.threads().size();
    int base = regBase + m.regs().size();
    List<Integer> extra = new ArrayList<>();
    buffers = memory == MemoryModel.X86 ? StoreBuffers.plan(m, room, base, extra) : null;
    arm = memory == MemoryModel.ARM64 ? ArmMemory.plan(m, base, extra) : null;
    int fields = base + extra.size();
    pos = new int[fields];
    mask = new long[fields];
    size = new int[fields];
    // Bit 0 of word 0 is always 1, so that no packed state is all zeros: the state store uses
    // a zero first word to mark an empty slot.
    int w = 0;
    int used = 1;
    for (int f = 0; f < fields; f++) {
      int domainSize = f < base ? domainSize(m, f) : extra.get(f - base);
      int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(domainSize - 1));
      if (used + bits > 64) {
        w++;
        used = 0;
      }
      pos[f] = w * 64 + used;
      mask[f] = (1L << bits) - 1;
      size[f] = domainSize;
      used += bits;
    }
    words = w + 1;
    if (buffers != null) {
      buffers.bind(this);
    }
    if (arm != null) {
      arm.bind(this);
    }
  }

  /** The layout with room in each store buffer for every store its thread makes. */
  static Layout of(Model m, MemoryModel memory) {
    return new Layout(m, memory, StoreBuffers.bounds(m));
  }

  /** The layout with room for {@code room[t]} entries in thread t's store buffer. */
  static Layout of(Model m, MemoryModel memory, int[] room) {
    return new Layout(m, memory, room);
  }

  private int domainSize(Model m, int f) {
    if (f < pcBase) {
      return m.vars().get(f).domain().size();
    }
    if (f < regBase) {
      // A program counter runs from 0 to the program's length, which means finished.
      return m.thread(f - pcBase).end() + 1;
    }
    return m.regs().get(f - regBase).domain().size();
  }

  int get(long[] s, int f) {
    int p = pos[f];
    return (int) ((s[p >>> 6] >>> p) & mask[f]);
  }

  void set(long[] s, int f, int value) {
    int p = pos[f];
    int w = p >>> 6;
    s[w] = (s[w] & ~(mask[f] << p)) | ((long) value << p);
  }

  /** Sets every bit of field f in {@code bits}, a mask of fields over the packed words. */
  void setAll(long[] bits, int f) {
    int p = pos[f];
    bits[p >>> 6] |= mask[f] << p;
  }

  /** The initial state: every variable and register at its initial value, every pc at 0. */
  long[] initial(Model m) {
    long[] s = new long[words];
    s[0] = 1;
    for (Var v : m.vars()) {
      set(s, v.id(), v.initial());
    }
    for (Reg r : m.regs()) {
      set(s, regBase + r.id(), r.initial());
    }
    if (arm != null) {
      arm.init(s);
    }
    return s;
  }
}
