package tlbcheck.explorer;

import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.ModelError;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.Var;

/**
 * Under arm64, each CPU's writes that have not reached memory, TLBIs that have not completed and
 * loads that have not read yet ({@link ArmLateReads}), oldest first, in the packed state: per
 * entry a code and a value (a write's code is its variable; a TLBI's, the program counter of its
 * step past the model's variables; a load's, its step's program counter and variable past
 * those), a flag for "every earlier waiting entry goes first" (a DMB ISHST or a release came
 * between) and one for "a release" (STLR); and per CPU the flag a DMB ISHST leaves for its next
 * write. Part of {@link ArmMemory}.
 */
final class ArmWaiting {
  private final Model model;
  private final int maxValues;
  private final int[] count;
  private final int[][] entry;
  private final int[] wmbFlag;
  private final int vars;
  private Layout layout;

  private ArmWaiting(Model model, int maxValues, int[] count, int[][] entry, int[] wmbFlag) {
    this.model = model;
    this.vars = model.vars().size();
    this.maxValues = maxValues;
    this.count = count;
    this.entry = entry;
    this.wmbFlag = wmbFlag;
  }

  /**
   * The fields from field {@code f} on, their sizes into {@code sizes}: room for as many
   * waiting writes per CPU as its program has steps.
   */
  static ArmWaiting plan(Model model, int maxValues, int f, List<Integer> sizes) {
    int n = model.threads().size();
    int vars = model.vars().size();
    int[] count = new int[n];
    int[][] entry = new int[n][];
    int[] wmbFlag = new int[n];
    for (ThreadDef t : model.threads()) {
      int room = Math.max(1, t.program().size());
      count[t.index()] = f++;
      sizes.add(room + 1);
      entry[t.index()] = new int[room];
      for (int i = 0; i < room; i++) {
        entry[t.index()][i] = f++;
        sizes.add((vars + t.program().size() * (1 + vars)) * maxValues * 4);
      }
      wmbFlag[t.index()] = f++;
      sizes.add(2);
    }
    return new ArmWaiting(model, maxValues, count, entry, wmbFlag);
  }

  /** CPU t's fields: its count, its entries and its DMB ISHST flag. */
  void fieldsOf(int t, List<Integer> out) {
    out.add(count[t]);
    for (int f : entry[t]) {
      out.add(f);
    }
    out.add(wmbFlag[t]);
  }

  /** How many fields {@link #plan} takes. */
  int fields() {
    int n = 0;
    for (int[] e : entry) {
      n += e.length + 2;
    }
    return n;
  }

  void bind(Layout l) {
    this.layout = l;
  }

  int count(long[] s, int t) {
    return layout.get(s, count[t]);
  }

  /** Entries waiting in every CPU. */
  int total(long[] s) {
    int sum = 0;
    for (int t = 0; t < count.length; t++) {
      sum += count(s, t);
    }
    return sum;
  }

  /** Room for waiting writes of CPU t: the most commit moves its thread has. */
  int room(int t) {
    return entry[t].length;
  }

  /** The code of entry i: a write's variable, a TLBI's or a load's step past them. */
  int var(long[] s, int t, int i) {
    return layout.get(s, entry[t][i]) / 4 / maxValues;
  }

  /** Whether entry i of CPU t is a write. */
  boolean write(long[] s, int t, int i) {
    return var(s, t, i) < vars;
  }

  /** Whether entry i of CPU t is a load that has not read yet. */
  boolean read(long[] s, int t, int i) {
    return var(s, t, i) >= vars + steps(t);
  }

  /** The program counter of waiting load i's step. */
  int readPc(long[] s, int t, int i) {
    return (var(s, t, i) - vars - steps(t)) / vars;
  }

  /** The variable waiting load i reads. */
  int readVar(long[] s, int t, int i) {
    return (var(s, t, i) - vars - steps(t)) % vars;
  }

  /** The index of CPU t's waiting load {@code j} (0 the oldest), or -1. */
  int lateRead(long[] s, int t, int j) {
    for (int i = 0; i < count(s, t); i++) {
      if (read(s, t, i) && j-- == 0) {
        return i;
      }
    }
    return -1;
  }

  /** How many of CPU t's waiting entries are loads. */
  int reads(long[] s, int t) {
    int n = 0;
    for (int i = 0; i < count(s, t); i++) {
      n += read(s, t, i) ? 1 : 0;
    }
    return n;
  }

  /** Which of CPU t's waiting loads (0 the oldest) reads x, or -1. */
  int readOf(long[] s, int t, int x) {
    int j = 0;
    for (int i = 0; i < count(s, t); i++) {
      if (read(s, t, i)) {
        if (readVar(s, t, i) == x) {
          return j;
        }
        j++;
      }
    }
    return -1;
  }

  /** CPU t's step at {@code pc}, a load of x, waits to read, after the entries waiting now. */
  void addRead(long[] s, int t, int pc, int x) {
    add(s, t, vars + steps(t) + pc * vars + x, 0, false, false);
  }

  private int steps(int t) {
    return model.thread(t).program().size();
  }

  int value(long[] s, int t, int i) {
    return layout.get(s, entry[t][i]) / 4 % maxValues;
  }

  /** Whether entry i of CPU t is a TLBI waiting to complete rather than a write. */
  boolean tlbi(long[] s, int t, int i) {
    int code = var(s, t, i);
    return code >= vars && code < vars + steps(t);
  }

  /** The program counter of the step of waiting TLBI i. */
  int tlbiPc(long[] s, int t, int i) {
    return var(s, t, i) - vars;
  }

  /** How many of CPU t's waiting entries are writes. */
  int writes(long[] s, int t) {
    int n = 0;
    for (int i = 0; i < count(s, t); i++) {
      n += write(s, t, i) ? 1 : 0;
    }
    return n;
  }

  /** A TLBI of CPU t's step at {@code pc} waits to complete, after the entries waiting now. */
  void addTlbi(long[] s, int t, int pc) {
    add(s, t, vars + pc, 0, false, false);
  }

  /** Whether every earlier waiting write must reach memory before entry i. */
  boolean barrier(long[] s, int t, int i) {
    return (layout.get(s, entry[t][i]) & 2) != 0;
  }

  boolean release(long[] s, int t, int i) {
    return (layout.get(s, entry[t][i]) & 1) != 0;
  }

  boolean wmbFlag(long[] s, int t) {
    return layout.get(s, wmbFlag[t]) == 1;
  }

  void setWmbFlag(long[] s, int t, boolean on) {
    layout.set(s, wmbFlag[t], on ? 1 : 0);
  }

  void add(long[] s, int t, int x, int value, boolean barrier, boolean release) {
    int n = count(s, t);
    if (n == entry[t].length) {
      throw new ModelError("model " + model.name() + ": thread " + model.thread(t).name()
          + " has more writes waiting to reach memory than its program has steps; a program "
          + "with backward jumps can make more");
    }
    layout.set(s, entry[t][n], ((x * maxValues + value) * 2 + (barrier ? 1 : 0)) * 2
        + (release ? 1 : 0));
    layout.set(s, count[t], n + 1);
  }

  /**
   * Removes entry i of CPU t, the later ones moving down. What orders nothing any more is
   * cleared, so that the same waiting entries pack the same whatever was removed first: the
   * barrier bit of the first waiting write (it orders a write after earlier ones, and none is
   * left), and the DMB ISHST flag once no write waits.
   */
  void remove(long[] s, int t, int i) {
    int n = count(s, t);
    for (int j = i + 1; j < n; j++) {
      layout.set(s, entry[t][j - 1], layout.get(s, entry[t][j]));
    }
    layout.set(s, entry[t][n - 1], 0);
    layout.set(s, count[t], n - 1);
    for (int j = 0; j < n - 1; j++) {
      if (write(s, t, j)) {
        layout.set(s, entry[t][j], layout.get(s, entry[t][j]) & ~2);
        return;
      }
    }
    setWmbFlag(s, t, false);
  }

  /** The newest waiting write of CPU t to x, as an index, or -1. */
  int newest(long[] s, int t, int x) {
    return newestBefore(s, t, x, count(s, t));
  }

  /** The newest of CPU t's waiting writes to x among its first {@code n} entries, or -1. */
  int newestBefore(long[] s, int t, int x, int n) {
    for (int i = Math.min(n, count(s, t)) - 1; i >= 0; i--) {
      if (var(s, t, i) == x) {
        return i;
      }
    }
    return -1;
  }

  /** Whether CPU t has a release waiting. */
  boolean releaseWaits(long[] s, int t) {
    for (int i = 0; i < count(s, t); i++) {
      if (release(s, t, i)) {
        return true;
      }
    }
    return false;
  }

  /** CPU t's waiting writes as a trace prints them: {@code [x = 1, y = 2]}, oldest first. */
  String describe(long[] s, int t) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count(s, t); i++) {
      sb.append(i == 0 ? "" : ", ").append(entryText(s, t, i));
    }
    return sb.append(']').toString();
  }

  /**
   * The label of CPU t's waiting entry i taking effect: {@code x = 1 (reaches memory)}, {@code
   * tlbi(1) (completes)}.
   */
  String commitLabel(long[] s, int t, int i) {
    return entryText(s, t, i) + (tlbi(s, t, i) ? " (completes)" : " (reaches memory)");
  }

  private String entryText(long[] s, int t, int i) {
    if (tlbi(s, t, i)) {
      return model.thread(t).step(tlbiPc(s, t, i)).label();
    }
    if (read(s, t, i)) {
      return "read " + model.vars().get(readVar(s, t, i)).name();
    }
    Var v = model.vars().get(var(s, t, i));
    return v.name() + " = " + v.domain().name(value(s, t, i));
  }
}
