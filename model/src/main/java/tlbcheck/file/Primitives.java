package tlbcheck.file;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.file.Exprs.Access;
import tlbcheck.file.Exprs.Compiled;
import tlbcheck.file.Exprs.IntExpr;
import tlbcheck.file.Exprs.Pointer;
import tlbcheck.kernel.Refcount;
import tlbcheck.model.Metric;
import tlbcheck.model.Order;
import tlbcheck.model.Var;

/**
 * The kernel's memory-access primitives a model file calls, by their kernel names
 * (tools/memory-model/linux-kernel.def): READ_ONCE, WRITE_ONCE, smp_load_acquire,
 * smp_store_release, xchg and cmpxchg, the atomic_t operations with and without a return
 * value, and refcount_t's refcount_read, refcount_inc, refcount_inc_not_zero and
 * refcount_dec_and_test. Each is one access to one shared variable; a read-modify-write is one
 * step, as the hardware makes it atomic. The _relaxed, _acquire and _release forms are
 * accepted: their orderings differ only under a weak memory model. A page-table page's own
 * primitives are {@link PageTableSteps}', unless the file defines a function of that name.
 */
final class Primitives {
  private final Exprs exprs;
  private final Scope scope;

  Primitives(Exprs exprs, Scope scope) {
    this.exprs = exprs;
    this.scope = scope;
  }

  Compiled call(KernelCParser.CallContext call) {
    String name = call.IDENT().getText();
    List<KernelCParser.ExprContext> args = call.expr();
    String base = ordered(name);
    Order rmw = rmwOrder(name);
    return switch (base) {
      case "READ_ONCE" -> load(derefOf(call, args), Order.ONCE);
      case "atomic_read" -> load(pointer(call, 1, 0), Order.ONCE);
      case "smp_load_acquire" -> load(pointer(call, 1, 0), Order.ACQUIRE);
      case "WRITE_ONCE" -> store(call, derefOf(call, args), 1, Order.ONCE);
      case "atomic_set" -> store(call, pointer(call, 2, 0), 1, Order.ONCE);
      case "smp_store_release" -> store(call, pointer(call, 2, 0), 1, Order.RELEASE);
      case "xchg", "atomic_xchg" -> rmw(call, 2, 0, (old, a, b) -> a, true, rmw);
      case "cmpxchg", "atomic_cmpxchg" -> rmw(call, 3, 0, (old, a, b) -> old == a ? b : NO_WRITE,
          true, rmw);
      case "atomic_inc" -> rmw(call, 1, 0, (old, a, b) -> old + 1, false, Order.RMW_RELAXED);
      case "atomic_dec" -> rmw(call, 1, 0, (old, a, b) -> old - 1, false, Order.RMW_RELAXED);
      case "atomic_add" -> rmw(call, 2, 1, (old, a, b) -> old + a, false, Order.RMW_RELAXED);
      case "atomic_sub" -> rmw(call, 2, 1, (old, a, b) -> old - a, false, Order.RMW_RELAXED);
      case "atomic_inc_return" -> newValue(rmw(call, 1, 0, (old, a, b) -> old + 1, true, rmw), 1);
      case "atomic_dec_return" -> newValue(rmw(call, 1, 0, (old, a, b) -> old - 1, true, rmw), -1);
      case "atomic_add_return" -> added(call, 1, rmw);
      case "atomic_sub_return" -> added(call, -1, rmw);
      case "atomic_fetch_inc" -> rmw(call, 1, 0, (old, a, b) -> old + 1, true, rmw);
      case "atomic_fetch_dec" -> rmw(call, 1, 0, (old, a, b) -> old - 1, true, rmw);
      case "atomic_fetch_add" -> rmw(call, 2, 1, (old, a, b) -> old + a, true, rmw);
      case "atomic_fetch_sub" -> rmw(call, 2, 1, (old, a, b) -> old - a, true, rmw);
      case "refcount_read" -> load(pointer(call, 1, 0), Order.ONCE);
      case "refcount_inc_not_zero" -> refcount(call, (c, v) -> Refcount.incNotZero(c, v) ? 1 : 0,
          true, Order.RMW_RELAXED);
      case "refcount_dec_and_test" -> refcount(call, (c, v) -> Refcount.decAndTest(c, v) ? 1 : 0,
          true, Order.RMW_FULL);
      case "refcount_inc" -> refcount(call, (c, v) -> {
        Refcount.inc(c, v);
        return 0;
      }, false, Order.RMW_RELAXED);
      case "count" -> count(call);
      default -> other(call);
    };
  }

  /**
   * {@code count(m)}: the step that evaluates it counts once toward metric m, declared after
   * the threads ({@code metric m "text"}); its value is 1, so that a condition can count only
   * where it gets that far ({@code zapped || (*dirty && count(m))}).
   */
  private Compiled count(KernelCParser.CallContext call) {
    arity(call, call.expr().size(), 1);
    Metric metric = call.expr(0) instanceof KernelCParser.NameContext n
        ? scope.symbols().metrics.get(n.getText()) : null;
    if (metric == null) {
      throw scope.where(call).error("count takes a metric the file declares (metric "
          + Scope.text(call.expr(0)) + " \"text\")");
    }
    IntExpr e = c -> {
      c.count(metric);
      return 1;
    };
    return new Compiled(e, e, List.of(), Order.PLAIN);
  }

  /** An enumerator with its frame ({@code PRESENT(f)}), or a call of a one-step function. */
  private Compiled other(KernelCParser.CallContext call) {
    String name = call.IDENT().getText();
    if (PageTableSteps.handles(name) && !scope.helpers().has(name)) {
      return PageTableSteps.call(scope, exprs, call);
    }
    Integer enumerator = scope.symbols().enumerators.get(Scope.text(call).replace(" ", ""));
    if (enumerator != null) {
      int v = enumerator;
      return Compiled.pure(c -> v);
    }
    if (scope.helpers().has(name)) {
      if (!scope.helpers().isOneStep(name)) {
        throw scope.where(call).error(name + " runs as several steps (it takes a lock, a "
            + "barrier, a flush, or declares a local): call it on a line of its own");
      }
      return scope.helpers().oneStep(scope, exprs, call);
    }
    throw scope.where(call).error("unknown primitive '" + name + "'");
  }

  /** The ordering a value-returning atomic's suffix gives it: none is fully ordered. */
  private static Order rmwOrder(String name) {
    return name.endsWith("_relaxed") ? Order.RMW_RELAXED : name.endsWith("_acquire")
        ? Order.RMW_ACQUIRE : name.endsWith("_release") ? Order.RMW_RELEASE : Order.RMW_FULL;
  }

  /**
   * An atomic's name without its ordering suffix (xchg_relaxed, atomic_inc_return_acquire),
   * whose ordering {@link #rmwOrder} gives. smp_store_release keeps its name.
   */
  static String ordered(String name) {
    return name.startsWith("atomic_") || name.startsWith("xchg") || name.startsWith("cmpxchg")
        ? name.replaceAll("_(relaxed|acquire|release)$", "") : name;
  }

  /** A refcount_t operation of the kernel's ({@link Refcount}): it WARNs on a count below 0. */
  private Compiled refcount(KernelCParser.CallContext call, RefcountOp op, boolean returns,
      Order order) {
    Pointer p = pointer(call, 1, 0);
    IntExpr e = c -> op.apply(c, p.at(c));
    return new Compiled(returns ? e : null, e, Exprs.withAccess(p, List.of()), order);
  }

  private interface RefcountOp {
    int apply(tlbcheck.model.Ctx c, Var v);
  }

  /** What a failing cmpxchg writes: nothing, so that on arm64 it is a load alone (CASAL). */
  private static final int NO_WRITE = -1;

  /**
   * A read-modify-write's new value, from the old one and the call's value arguments, or
   * {@link #NO_WRITE}.
   */
  private interface Update {
    int apply(int old, int a, int b);
  }

  /** The first argument of READ_ONCE(*x) and WRITE_ONCE(*x, v): the variable as {@code *x}. */
  private Pointer derefOf(KernelCParser.CallContext call, List<KernelCParser.ExprContext> args) {
    String name = call.IDENT().getText();
    int wanted = name.equals("READ_ONCE") ? 1 : 2;
    arity(call, args.size(), wanted);
    if (!(args.get(0) instanceof KernelCParser.DerefContext d)) {
      throw scope.where(call).error(name + " takes the variable as *x: " + name + "(*x"
          + (wanted == 2 ? ", value)" : ")"));
    }
    return exprs.pointer(d.expr());
  }

  private Pointer pointer(KernelCParser.CallContext call, int arity, int at) {
    arity(call, call.expr().size(), arity);
    return exprs.pointer(call.expr(at));
  }

  private void arity(KernelCParser.CallContext call, int given, int wanted) {
    if (given != wanted) {
      throw scope.where(call).error(call.IDENT().getText() + " takes " + wanted + " argument"
          + (wanted == 1 ? "" : "s") + ", not " + given);
    }
  }

  private static Compiled load(Pointer p, Order order) {
    IntExpr v = c -> c.load(p.at(c));
    return new Compiled(v, v, Exprs.withAccess(p, List.of()), order);
  }

  private Compiled store(KernelCParser.CallContext call, Pointer p, int valueAt, Order order) {
    Compiled value = exprs.value(call.expr(valueAt));
    IntExpr e = c -> {
      int v = value.value().eval(c);
      c.store(p.at(c), v);
      return v;
    };
    return new Compiled(null, e, Exprs.withAccess(p, value.accesses()), order);
  }

  /**
   * A read-modify-write of the variable {@code call.expr(at)} points at, with the other
   * arguments as values; it returns the old value if {@code returns}, else nothing.
   */
  private Compiled rmw(KernelCParser.CallContext call, int arity, int at, Update update,
      boolean returns, Order order) {
    Pointer p = pointer(call, arity, at);
    List<IntExpr> values = new ArrayList<>();
    List<Access> accesses = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      if (i != at) {
        Compiled a = exprs.value(call.expr(i));
        values.add(a.value());
        accesses.addAll(a.accesses());
      }
    }
    // At most two value arguments (cmpxchg's); the step allocates nothing as it runs.
    IntExpr first = values.isEmpty() ? c -> 0 : values.get(0);
    IntExpr second = values.size() < 2 ? c -> 0 : values.get(1);
    IntExpr e = c -> {
      int a = first.eval(c);
      int b = second.eval(c);
      Var v = p.at(c);
      int old = c.load(v);
      int now = update.apply(old, a, b);
      if (now != NO_WRITE) {
        c.store(v, now);
      }
      return old;
    };
    return new Compiled(returns ? e : null, e, Exprs.withAccess(p, accesses), order);
  }

  /** An rmw that returns the new value, {@code delta} from the old one. */
  private static Compiled newValue(Compiled rmw, int delta) {
    IntExpr e = c -> rmw.effect().eval(c) + delta;
    return new Compiled(e, e, rmw.accesses(), rmw.order());
  }

  /** atomic_add_return(i, v) and atomic_sub_return(i, v): the new value. */
  private Compiled added(KernelCParser.CallContext call, int sign, Order order) {
    Compiled amount = exprs.value(call.expr(0));
    Compiled old = rmw(call, 2, 1, (o, a, b) -> o + sign * a, true, order);
    IntExpr e = c -> {
      int before = old.effect().eval(c);
      return before + sign * amount.value().eval(c);
    };
    return new Compiled(e, e, old.accesses(), order);
  }
}
