package tlbcheck.explorer;

import java.util.List;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Reg;
import tlbcheck.model.StepAssertion;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/** Small models whose reachable states can be counted by hand. */
final class TestModels {
  private TestModels() {}

  /**
   * The lost update: threads A and B each run {@code r = x; x = r + 1} as two steps. Its 13
   * reachable states, counted by (pcA, pcB) with x, rA, rB:
   * (0,0) 1; (1,0) 1; (0,1) 1; (2,0) 1: x=1; (0,2) 1: x=1; (1,1) 1: both read 0;
   * (2,1) 2: A wrote 1 with B's r = 0, or B read A's 1; (1,2) 2 likewise;
   * (2,2) 3: x=1 (both read 0), x=2 with rB=1, x=2 with rA=1. 1+1+1+1+1+1+2+2+3 = 13.
   * Transitions: 2 from (0,0), (1,0), (0,1), (1,1); 1 from (2,0), (0,2) and each of the four
   * (2,1), (1,2) states: 8 + 2 + 4 = 14.
   */
  static Model lostUpdate(boolean requireTwo) {
    ModelBuilder m = Model.builder("test", "lost-update", "race");
    Var x = m.var("x", Domain.range(2), 0);
    for (String name : new String[] {"A", "B"}) {
      ThreadBuilder t = m.thread(name);
      Reg r = t.reg("r", Domain.range(2), 0);
      t.step("r = x", c -> c.set(r, c.load(x)));
      t.step("x = r + 1", c -> c.store(x, c.get(r) + 1));
    }
    if (requireTwo) {
      m.finalProperty("TWO", "both increments land", rd -> rd.load(x) == 2 ? null
          : "x = " + rd.load(x) + ": an increment was lost");
    } else {
      m.invariant("RANGE", "x stays within 0..2", rd -> null);
    }
    return m.build();
  }

  /**
   * {@code threads} independent threads of {@code steps} steps each, every thread writing only
   * its own variable: the reachable states are all (steps + 1)^threads combinations of program
   * counters, and each state has one transition per unfinished thread, which sums to
   * threads * steps * (steps + 1)^(threads - 1).
   */
  static Model independent(int threads, int steps) {
    ModelBuilder m = Model.builder("test", "independent", "race");
    for (int t = 0; t < threads; t++) {
      Var v = m.var("v" + t, Domain.range(steps), 0);
      ThreadBuilder tb = m.thread("t" + t);
      for (int i = 1; i <= steps; i++) {
        int value = i;
        tb.step("v" + t + " = " + i, c -> c.store(v, value));
      }
    }
    m.invariant("TRUE", "always holds", rd -> null);
    return m.build();
  }

  /**
   * {@code threads} threads each run {@code r = x; x = r + 1}, with metric "stale" counting a
   * write whose read is out of date (x changed since). Its largest value over all executions is
   * threads - 1: every thread reads 0, then every write but the first is stale; no execution has
   * more, as the first write is never stale. With {@code requireAll}, the final property "x ==
   * threads" fails, so the search finds a violation before it has seen the whole graph.
   */
  static Model staleIncrements(int threads, boolean requireAll) {
    ModelBuilder m = Model.builder("test", "stale-increments", "race");
    Var x = m.var("x", Domain.range(threads), 0);
    Metric stale = m.metric("stale", "writes that overwrite a newer value");
    for (int i = 0; i < threads; i++) {
      ThreadBuilder t = m.thread("T" + i);
      Reg r = t.reg("r", Domain.range(threads), 0);
      t.step("r = x", c -> c.set(r, c.load(x)));
      t.step("x = r + 1", c -> {
        if (c.load(x) != c.get(r)) {
          c.count(stale);
        }
        c.store(x, c.get(r) + 1);
      });
    }
    if (requireAll) {
      m.finalProperty("ALL", "every increment lands", rd -> rd.load(x) == threads ? null
          : "x = " + rd.load(x));
    } else {
      m.invariant("TRUE", "always holds", rd -> null);
    }
    return m.build();
  }

  /** A thread that spins on x with a backward jump, and a metric: the metric pass refuses it. */
  static Model spinWithMetric() {
    ModelBuilder m = Model.builder("test", "spin", "race");
    Var x = m.var("x", Domain.bool(), 0);
    Metric spins = m.metric("spins", "times around the loop");
    ThreadBuilder waiter = m.thread("waiter");
    Label top = waiter.label();
    waiter.place(top);
    waiter.step("while (!x)", c -> {
      if (c.load(x) == 0) {
        c.count(spins);
        c.jump(top);
      }
    });
    m.thread("setter").step("x = 1", c -> c.store(x, 1));
    m.invariant("TRUE", "always holds", rd -> null);
    return m.build();
  }

  /**
   * Two violations one step from the start: T0's step fails step assertion SA, T1's step breaks
   * invariant INV. Canonical order (thread index) makes SA the one reported, with or without a
   * metric (which makes the search exhaustive).
   */
  static Model twoViolationsAtDepthOne(boolean withMetric) {
    ModelBuilder m = Model.builder("test", "two-violations", "race");
    Var x = m.var("x", Domain.bool(), 0);
    StepAssertion sa = m.stepAssertion("SA", "T0's step is fine");
    Metric steps = withMetric ? m.metric("steps", "steps of T1") : null;
    m.thread("T0").step("check", c -> c.fail(sa, "T0 fails"));
    m.thread("T1").step("x = 1", c -> {
      if (steps != null) {
        c.count(steps);
      }
      c.store(x, 1);
    });
    m.invariant("INV", "x stays 0", rd -> rd.load(x) == 0 ? null : "x = 1");
    return m.build();
  }

  /** ABBA: two threads take two spinlocks in opposite orders. */
  static Model abba() {
    ModelBuilder m = Model.builder("test", "abba", "race");
    var a = Spinlock.declare(m, "a");
    var b = Spinlock.declare(m, "b");
    m.thread("T0").then(a.lock()).then(b.lock()).then(b.unlock()).then(a.unlock());
    m.thread("T1").then(b.lock()).then(a.lock()).then(a.unlock()).then(b.unlock());
    m.invariant("TRUE", "always holds", rd -> null);
    return m.build();
  }

  /**
   * One thread chooses x = 1, 2 or 3 in one step; another sets y = 1. States: the initial one,
   * three after the choice, one after y = 1 alone, three after both: 8; transitions: 3 + 1 from
   * the initial state, 1 from each choice state, 3 from y = 1: 10. With {@code forbidThree}
   * the final property refuses x = 3, which only one alternative reaches.
   */
  static Model choice(boolean forbidThree) {
    ModelBuilder m = Model.builder("test", "choice", "race");
    Var x = m.var("x", Domain.range(3), 0);
    Var y = m.var("y", Domain.bool(), 0);
    m.thread("chooser").stepChoice(3, w -> "x = " + (w + 1), (c, w) -> c.store(x, w + 1));
    m.thread("other").step("y = 1", c -> c.store(y, 1));
    m.finalProperty("NOT3", "x is never 3",
        rd -> forbidThree && rd.load(x) == 3 ? "x = 3" : null);
    return m.build();
  }

  /**
   * The holder takes lock L and runs two steps before it unlocks; the waiter, inside its span,
   * takes L and drops it. The longest wait: the holder locks first, and the waiter is blocked
   * through its two steps and its unlock: 3. The peak counts the threads inside their critical
   * sections (after the lock, before the unlock): 1, and 2 in the variant without the lock.
   */
  static Model lockWait(boolean withLock) {
    ModelBuilder m = Model.builder("test", "lock-wait", "race");
    Var v = m.var("v", Domain.range(2), 0);
    Spinlock l = Spinlock.declare(m, "L");
    ThreadBuilder holder = m.thread("holder");
    Label hIn = holder.label();
    Label hOut = holder.label();
    if (withLock) {
      holder.then(l.lock());
    }
    holder.place(hIn);
    holder.step("v = 1", c -> c.store(v, 1));
    holder.step("v = 2", c -> c.store(v, 2));
    holder.place(hOut);
    if (withLock) {
      holder.then(l.unlock());
    }
    ThreadBuilder waiter = m.thread("waiter");
    Label wIn = waiter.label();
    Label wCs = waiter.label();
    Label wOut = waiter.label();
    waiter.place(wIn);
    if (withLock) {
      waiter.then(l.lock());
    }
    waiter.place(wCs);
    waiter.step("v = 0", c -> c.store(v, 0));
    waiter.place(wOut);
    if (withLock) {
      waiter.then(l.unlock());
    }
    m.waitMetric("wait", "steps the waiter waits for L", List.of(waiter.span(wIn, wOut)));
    m.peakMetric("inside", "threads inside their spans at once",
        List.of(holder.span(hIn, hOut), waiter.span(wCs, wOut)));
    m.invariant("TRUE", "always holds", rd -> null);
    return m.build();
  }

  /**
   * Thread A raises x and lowers it again; B takes two steps. Steps taken while x == 1: A's
   * lowering, and both of B's when B runs inside that window: 3.
   */
  static Model window() {
    ModelBuilder m = Model.builder("test", "window", "race");
    Var x = m.var("x", Domain.bool(), 0);
    Var y = m.var("y", Domain.range(2), 0);
    m.thread("A").step("x = 1", c -> c.store(x, 1)).step("x = 0", c -> c.store(x, 0));
    m.thread("B").step("y = 1", c -> c.store(y, 1)).step("y = 2", c -> c.store(y, 2));
    m.stepsWhile("open", "steps taken while x == 1", rd -> rd.load(x) == 1);
    m.invariant("TRUE", "always holds", rd -> null);
    return m.build();
  }
}
