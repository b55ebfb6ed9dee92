package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A number the checker computes over all executions (PROTOCOLS.md "Conventions"); metrics are
 * how the catalogue shows what an optimisation saves, next to whether it is safe. Created by the
 * {@link ModelBuilder} methods, one per {@link Kind}; {@link #index()} is its place in
 * {@link Model#metrics()}.
 */
public final class Metric {
  /** What a metric measures; each kind's value is computed over the whole state graph. */
  public enum Kind {
    /**
     * The largest number, over every execution, of calls of {@link Ctx#count(Metric)} by its
     * steps (flush_all calls per zap, TLBI steps).
     */
    COUNTED,
    /**
     * The largest number, over every execution, of steps of any thread taken in a state where
     * {@link #condition()} holds (the steps taken while an entry is invalid).
     */
    STEPS_WHILE,
    /**
     * The largest number, over every execution and every span, of other threads' steps taken
     * while the span's thread is inside the span and its next step is a lock acquisition that
     * is not enabled: how long one thread waits for a lock during, say, a root load.
     */
    WAIT,
    /** The largest number, over every reachable state, of spans whose thread is inside them. */
    PEAK
  }

  /** A state predicate of a {@link Kind#STEPS_WHILE} metric. */
  @FunctionalInterface
  public interface Condition {
    boolean holds(Reader r);
  }

  /**
   * A stretch of one thread's program, from the step at {@code from} up to, not including, the
   * step at {@code to} (a root load of one vCPU). Labels are placed when the thread is written,
   * so the program counters are read when the model is explored.
   */
  public record Span(int thread, Label from, Label to) {
    /** Whether a thread at program counter {@code pc} is inside the span. */
    public boolean contains(int pc) {
      return pc >= from.pc() && pc < to.pc();
    }
  }

  private final String id;
  private final String text;
  private final int index;
  private final Kind kind;
  private final Condition condition;
  private final ImmutableList<Span> spans;

  Metric(String id, String text, int index, Kind kind, Condition condition, List<Span> spans) {
    this.id = id;
    this.text = text;
    this.index = index;
    this.kind = kind;
    this.condition = condition;
    this.spans = ImmutableList.copyOf(spans);
  }

  public String id() {
    return id;
  }

  public String text() {
    return text;
  }

  public int index() {
    return index;
  }

  public Kind kind() {
    return kind;
  }

  /** The predicate of a {@link Kind#STEPS_WHILE} metric; null for the other kinds. */
  public Condition condition() {
    return condition;
  }

  /** The spans of a {@link Kind#WAIT} or {@link Kind#PEAK} metric; empty for the others. */
  public List<Span> spans() {
    return spans;
  }

  @Override
  public String toString() {
    return id;
  }
}
