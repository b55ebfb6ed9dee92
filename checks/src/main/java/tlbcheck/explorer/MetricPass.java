package tlbcheck.explorer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tlbcheck.model.Metric;
import tlbcheck.model.ModelError;

/**
 * One lane of the pass that computes every metric of a model over its whole state graph, after the
 * search has stored every reachable state ({@link Metrics} asks the search for the whole graph and
 * runs {@link MetricSweep} when it is done, with the search's lanes and clock). A {@link
 * Metric.Kind#PEAK} metric is a maximum over states. The others are path sums: each transition has
 * a weight (the counts of its step, 1 if its source state meets the condition, 1 if a span's
 * thread waits for a lock while another thread moves), and for each state the pass keeps the
 * heaviest path to it from the initial state, by dynamic programming; a metric's value is the
 * heaviest path of all, which (weights being non-negative) is the largest over all executions. A
 * {@link Metric.Kind#WAIT} metric keeps one path sum per span, since it is one thread's wait that
 * it measures, and reports the largest.
 *
 * <p>The pass visits states in increasing order of their program-counter sum, the state store's
 * partition key. Every step of a program without backward jumps increases that sum, so this order
 * is topological and a state's value is final before it is used. A step that does not increase it
 * may close a cycle, which a metric would have to unroll: the pass refuses the model with a {@link
 * ModelError} naming the step (DESIGN.md "The explorer").
 *
 * <p>With several lanes (threads), each partition's states are split between them: their
 * successors all lie in later partitions, so the lanes never read a sum another is writing, and
 * they raise the successors' sums with an atomic maximum. A maximum does not depend on the order
 * it is taken in, so the values are those of one lane. One instance per lane: not thread-safe.
 */
final class MetricPass {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

  private static final int CHECK_EVERY = 1 << 12;

  final Semantics sem;
  private final Metric[] metrics;
  /**
   * The path sums kept per state, "components": one per COUNTED or STEPS_WHILE metric, one per
   * span of a WAIT metric. Component c belongs to metric {@code metricOf[c]} and, for WAIT, to
   * span {@code spanOf[c]}.
   */
  final int[] metricOf;
  private final Metric.Span[] spanOf;
  /** What the state being expanded means for each component's weight. */
  private final boolean[] weighs;
  /** The symmetry reduction the search used, or null: successors are looked up canonical. */
  private final Symmetry sym;
  /** The partial-order reduction the search used, or null: a local step is taken alone. */
  private final LocalMoves local;
  /**
   * {@code sameSpan[c][t]}: the component of WAIT span c's metric whose span is at the same
   * place on thread t (-1 if none). Under symmetry a thread's slice moves to another slot, and
   * the path sum of its span moves with it.
   */
  private final int[][] sameSpan;
  /** Where each component's sum goes in the canonical successor. */
  private final int[] target;
  private final int[] perm;

  private final Clock clock;

  MetricPass(Semantics sem, Symmetry sym, LocalMoves local, Clock clock) {
    this.sem = sem;
    this.sym = sym;
    this.local = local;
    this.clock = clock;
    this.metrics = sem.model.metrics().toArray(new Metric[0]);
    List<Integer> owners = new ArrayList<>();
    List<Metric.Span> spans = new ArrayList<>();
    for (Metric m : metrics) {
      switch (m.kind()) {
        case COUNTED, STEPS_WHILE -> {
          owners.add(m.index());
          spans.add(null);
        }
        case WAIT -> m.spans().forEach(span -> {
          owners.add(m.index());
          spans.add(span);
        });
        case PEAK -> { }
      }
    }
    this.metricOf = owners.stream().mapToInt(Integer::intValue).toArray();
    this.spanOf = spans.toArray(new Metric.Span[0]);
    this.weighs = new boolean[metricOf.length];
    this.sameSpan = new int[metricOf.length][sem.threads()];
    for (int c = 0; c < metricOf.length; c++) {
      Arrays.fill(sameSpan[c], -1);
      for (int d = 0; d < metricOf.length && spanOf[c] != null; d++) {
        if (metricOf[d] == metricOf[c] && spanOf[d].from().pc() == spanOf[c].from().pc()
            && spanOf[d].to().pc() == spanOf[c].to().pc()) {
          sameSpan[c][spanOf[d].thread()] = d;
        }
      }
    }
    this.target = new int[metricOf.length];
    for (int c = 0; c < target.length; c++) {
      target[c] = c;
    }
    this.perm = new int[sem.threads()];
    this.result = new long[metrics.length];
  }

  /** The largest value of each metric this lane has seen. */
  final long[] result;
  /** Whether other lanes may raise the same sums: then a sum is raised with compareAndSet. */
  private boolean atomic;

  /**
   * Expands the states in slots [fromSlot, toSlot) of partition {@code key}, relaxing their
   * successors' sums; {@code atomic} when other lanes may raise the same sums meanwhile.
   */
  void scan(StateStore store, int[][] best, int key, int fromSlot, int toSlot,
      boolean atomic) throws LimitReached {
    this.atomic = atomic;
    int components = metricOf.length;
    int words = sem.layout.words;
    long[] table = store.table(key);
    long[] cur = new long[words];
    long[] next = new long[words];
    int[] enabled = new int[sem.moves.size()];
    for (int slot = fromSlot; slot < toSlot; slot++) {
      if ((slot & (CHECK_EVERY - 1)) == 0) {
        clock.check();
      }
      if (table[slot * words] == 0) {
        continue;
      }
      System.arraycopy(table, slot * words, cur, 0, words);
      int from = slot * components;
      observe(cur, best[key], from, result);
      int n = sem.enabledMoves(cur, enabled);
      if (local != null) {
        n = local.reduce(cur, enabled, n);
      }
      for (int i = 0; i < n; i++) {
        int t = sem.threadOf(enabled[i]);
        int pc = sem.pc(cur, t);
        System.arraycopy(cur, 0, next, 0, words);
        String label;
        try {
          label = sem.applyEnabled(next, enabled[i]).label();
        } catch (ArmRules.Blocked b) {
          // Under arm64 a move enumerated as enabled may not be takeable (see Semantics.take).
          continue;
        }
        int nextKey = sem.keys.after(key, pc, sem.nextPc(), next);
        if (nextKey <= key) {
          throw backwardJump(t, pc, label);
        }
        retarget(next);
        int nextSlot = store.find(next, nextKey);
        if (nextSlot < 0) {
          throw new IllegalStateException("a successor of a stored state is not stored: "
              + "the search did not explore the whole graph");
        }
        relax(best[key], from, best[nextKey], nextSlot * components, t);
      }
    }
  }

  /**
   * Reads what the metrics need of a source state before its steps are taken (whether a
   * STEPS_WHILE condition holds, whether a WAIT span's thread waits for a lock), and records its
   * path sums and its PEAK counts.
   */
  private void observe(long[] s, int[] values, int from, long[] result) {
    for (int c = 0; c < metricOf.length; c++) {
      Metric m = metrics[metricOf[c]];
      weighs[c] = switch (m.kind()) {
        case STEPS_WHILE -> m.condition().holds(sem.reader(s));
        case WAIT -> spanOf[c].contains(sem.pc(s, spanOf[c].thread()))
            && Blocking.waitsForLock(sem, s, spanOf[c].thread());
        default -> false;
      };
      result[m.index()] = Math.max(result[m.index()], values[from + c]);
    }
    for (Metric m : metrics) {
      if (m.kind() == Metric.Kind.PEAK) {
        int inside = 0;
        for (Metric.Span span : m.spans()) {
          inside += span.contains(sem.pc(s, span.thread())) ? 1 : 0;
        }
        result[m.index()] = Math.max(result[m.index()], inside);
      }
    }
  }

  /**
   * Under symmetry, replaces {@code next} by its canonical state and works out where each
   * component's sum goes: a WAIT span's follows its thread's slice to its new slot.
   */
  private void retarget(long[] next) {
    if (sym == null) {
      return;
    }
    for (int c = 0; c < target.length; c++) {
      target[c] = c;
    }
    sym.canonicalize(sem.layout, next, perm);
    for (int t = 0; t < perm.length; t++) {
      if (perm[t] == t) {
        continue;
      }
      for (int c = 0; c < target.length; c++) {
        if (spanOf[c] != null && spanOf[c].thread() == perm[t]) {
          target[c] = sameSpan[c][t];
        }
      }
    }
  }

  /** Relaxes the path sums of a successor reached by a step of thread {@code mover}. */
  private void relax(int[] values, int from, int[] nextValues, int to, int mover) {
    int[] counts = sem.counts();
    for (int c = 0; c < metricOf.length; c++) {
      int weight = switch (metrics[metricOf[c]].kind()) {
        case COUNTED -> counts[metricOf[c]];
        case STEPS_WHILE -> weighs[c] ? 1 : 0;
        case WAIT -> weighs[c] && spanOf[c].thread() != mover ? 1 : 0;
        case PEAK -> 0;
      };
      int into = to + target[c];
      int sum = Math.addExact(values[from + c], weight);
      if (!atomic) {
        nextValues[into] = Math.max(nextValues[into], sum);
        continue;
      }
      int was = (int) INTS.getVolatile(nextValues, into);
      while (was < sum && !INTS.compareAndSet(nextValues, into, was, sum)) {
        was = (int) INTS.getVolatile(nextValues, into);
      }
    }
  }

  private ModelError backwardJump(int t, int pc, String label) {
    return new ModelError("model " + sem.model.name() + ": step '" + label + "' of thread "
        + sem.model.thread(t).name() + " jumps back (pc " + pc + " to " + sem.nextPc() + "), so "
        + "the state graph may have a cycle, which the model's metrics " + sem.model.metrics()
        + " would have to unroll; metrics need programs without backward jumps (DESIGN.md "
        + "\"The explorer\")");
  }
}
