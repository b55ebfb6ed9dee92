package tlbcheck.explorer;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * x86-TSO's store buffers in the packed state (Owens, Sarkar and Sewell 2009, the abstract
 * machine of section 3; herd/libdir/x86tso.cat): per thread a FIFO of (variable, value) entries,
 * as a count field and one field per slot, oldest first, unused slots zero so that equal
 * buffers pack equally.
 *
 * <p>A thread's plain, ONCE, acquire and release stores enter its buffer; its loads take the
 * newest entry for the variable, else memory; the oldest entry reaches memory as a step of its
 * own. A read-modify-write (a LOCK-prefixed instruction: xchg, cmpxchg, the atomics, a lock's
 * acquire) and smp_mb() (MFENCE) run only with the buffer empty, and then read and write memory.
 * smp_wmb() and smp_rmb() are compiler barriers on x86 (arch/x86/include/asm/barrier.h). A
 * hardware step (a walk, a flush) reads and writes memory: the MMU does not see a CPU's buffer;
 * a flush, INVLPG or an IPI, is serializing and runs only with its thread's buffer empty.
 *
 * <p>A buffer holds at most one entry per storing step of its program, which bounds it for a
 * program without backward jumps; the state space stays finite. Few programs ever fill that
 * many: a lock's acquire, a flush or a fence empties the buffer. So a search starts with room for
 * {@link #FIRST_CAPACITY} entries per thread, and a store that finds its buffer full throws
 * {@link Full}: the search starts again with twice the room for that thread. A search that ends
 * never needed more, so its states are those of the full bound, with fewer bits each.
 */
final class StoreBuffers {
  /** The entries a thread's buffer has room for in the first search. */
  static final int FIRST_CAPACITY = 2;

  /** Thread {@code thread}'s buffer had no room for a store: search again with more. */
  static final class Full extends RuntimeException {
    final int thread;

    Full(int thread) {
      super(null, null, false, false);
      this.thread = thread;
    }
  }

  private final int[] bound;
  private final int[] countField;
  private final int[][] slotFields;
  private final int maxValues;
  private final Model model;
  private Layout layout;

  private StoreBuffers(Model model, int[] bound, int[] countField, int[][] slotFields,
      int maxValues) {
    this.model = model;
    this.bound = bound;
    this.countField = countField;
    this.slotFields = slotFields;
    this.maxValues = maxValues;
  }

  /** Whether {@code step}'s stores wait in its thread's buffer under x86. */
  static boolean buffered(Step step) {
    return (step.kind() == StepKind.SOFTWARE || step.kind() == StepKind.LOCK) && !drains(step);
  }

  /**
   * Whether {@code step} runs only with its thread's buffer empty: a LOCK-prefixed instruction,
   * MFENCE, or a TLB flush, which is INVLPG or an IPI to other CPUs, serializing on the sender
   * (Intel SDM vol. 3, 9.3 "Serializing instructions"; an IPI is sent by a write to the APIC
   * that follows an MFENCE in the kernel's x2APIC path).
   */
  static boolean drains(Step step) {
    return step.order().rmw() || step.order() == Order.MB || step.order() == Order.DSB
        || step.order() == Order.DSB_ST || step.role() == Role.FLUSH
        || step.role() == Role.TLBI;
  }

  /** The room a first search gives each thread's buffer. */
  static int[] firstRoom(Model model) {
    int[] room = bounds(model);
    for (int t = 0; t < room.length; t++) {
      room[t] = Math.min(room[t], FIRST_CAPACITY);
    }
    return room;
  }

  /** The room of a search after this one found {@code full}: twice as much for its thread. */
  int[] roomAfter(Full full) {
    int[] room = new int[slotFields.length];
    for (int t = 0; t < room.length; t++) {
      room[t] = slotFields[t].length;
    }
    room[full.thread] *= 2;
    return room;
  }

  /** Per thread, the stores its program makes: the most its buffer can ever hold. */
  static int[] bounds(Model model) {
    int[] bound = new int[model.threads().size()];
    for (ThreadDef t : model.threads()) {
      for (Step step : t.program()) {
        for (int w = 0; w < step.ways(); w++) {
          bound[t.index()] += buffered(step.way(w)) ? 1 : 0;
        }
      }
    }
    return bound;
  }

  /**
   * The field sizes the buffers of {@code model} need, appended after its registers from field
   * {@code base}, with room for {@code room[t]} entries in thread t's buffer (at most its
   * bound); returns the buffers, to be bound to the layout with {@link #bind}.
   */
  static StoreBuffers plan(Model model, int[] room, int base, List<Integer> sizes) {
    int maxValues = 1;
    for (Var v : model.vars()) {
      maxValues = Math.max(maxValues, v.domain().size());
    }
    int n = model.threads().size();
    int[] bound = bounds(model);
    int[] countField = new int[n];
    int[][] slotFields = new int[n][];
    int f = base;
    for (ThreadDef t : model.threads()) {
      int cap = Math.min(room[t.index()], bound[t.index()]);
      countField[t.index()] = f++;
      sizes.add(cap + 1);
      slotFields[t.index()] = new int[cap];
      for (int i = 0; i < cap; i++) {
        slotFields[t.index()][i] = f++;
        sizes.add(model.vars().size() * maxValues);
      }
    }
    return new StoreBuffers(model, bound, countField, slotFields, maxValues);
  }

  /** Thread t's buffer fields: its count, then its slots. */
  int[] fields(int t) {
    int[] f = new int[slotFields[t].length + 1];
    f[0] = countField[t];
    System.arraycopy(slotFields[t], 0, f, 1, slotFields[t].length);
    return f;
  }

  void bind(Layout l) {
    this.layout = l;
  }

  int count(long[] s, int t) {
    return layout.get(s, countField[t]);
  }

  /** Entries waiting in every buffer: how far the state is from its memory's settling. */
  int total(long[] s) {
    int sum = 0;
    for (int t = 0; t < countField.length; t++) {
      sum += count(s, t);
    }
    return sum;
  }

  int var(long[] s, int t, int i) {
    return layout.get(s, slotFields[t][i]) / maxValues;
  }

  int value(long[] s, int t, int i) {
    return layout.get(s, slotFields[t][i]) % maxValues;
  }

  /** The newest value thread t's buffer holds for variable {@code var}, or -1. */
  int newest(long[] s, int t, int var) {
    for (int i = count(s, t) - 1; i >= 0; i--) {
      if (var(s, t, i) == var) {
        return value(s, t, i);
      }
    }
    return -1;
  }

  /**
   * Thread t stores {@code value} into {@code var}: a new entry, or, if {@code replace}, the
   * value of its newest entry (a step that stores one variable twice leaves one entry).
   */
  void append(long[] s, int t, int var, int value, boolean replace) {
    int n = count(s, t);
    if (replace) {
      layout.set(s, slotFields[t][n - 1], var * maxValues + value);
      return;
    }
    if (n == slotFields[t].length && n < bound[t]) {
      throw new Full(t);
    }
    if (n == slotFields[t].length) {
      throw new ModelError("model " + model.name() + ": the store buffer of thread "
          + model.thread(t).name() + " is full (" + n + " stores): under x86 a program "
          + "with a backward jump can buffer more stores than it has store steps");
    }
    layout.set(s, slotFields[t][n], var * maxValues + value);
    layout.set(s, countField[t], n + 1);
  }

  /** The oldest entry of thread t's buffer leaves it, for the caller to write to memory. */
  void dropOldest(long[] s, int t) {
    int n = count(s, t);
    int[] slots = slotFields[t];
    for (int i = 1; i < n; i++) {
      layout.set(s, slots[i - 1], layout.get(s, slots[i]));
    }
    layout.set(s, slots[n - 1], 0);
    layout.set(s, countField[t], n - 1);
  }

  /** The label of thread t's drain: {@code spte = NONPRESENT (reaches memory)}. */
  String drainLabel(long[] s, int t) {
    Var v = model.vars().get(var(s, t, 0));
    return v.name() + " = " + v.domain().name(value(s, t, 0)) + " (reaches memory)";
  }

  /** Thread t's buffer as a trace prints it: {@code [x = 1, y = 2]}, oldest first. */
  String describe(long[] s, int t) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count(s, t); i++) {
      Var v = model.vars().get(var(s, t, i));
      sb.append(i == 0 ? "" : ", ").append(v.name()).append(" = ")
          .append(v.domain().name(value(s, t, i)));
    }
    return sb.append(']').toString();
  }
}
