package tlbcheck.file;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tlbcheck.file.Exprs.Access;
import tlbcheck.file.Exprs.Compiled;
import tlbcheck.file.Exprs.IntExpr;
import tlbcheck.model.Label;
import tlbcheck.model.Order;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;

/**
 * Turns one thread's C body into steps (PROTOCOLS.md "Conventions"): a line with one shared
 * access is one step, labelled with the line's own text; a barrier or a lock operation is a
 * step of its own; an {@code if} is a step that tests its condition and jumps; a {@code for}
 * over a constant range is unrolled. A line that would touch two shared variables, or one
 * twice, is refused with its place, since no step may do that.
 */
final class ThreadCompiler {
  private static final Set<String> BARRIERS = Set.of("smp_mb", "smp_wmb", "smp_rmb",
      "smp_mb__before_atomic", "smp_mb__after_atomic", "smp_mb__after_spinlock", "barrier",
      "isb");

  private final Scope scope;
  private final Exprs exprs;
  private final ThreadBuilder t;
  /** Where a {@code return} inside an inlined function of several steps goes. */
  private final Deque<Label> returns = new ArrayDeque<>();

  ThreadCompiler(Scope scope) {
    this.scope = scope;
    this.exprs = new Exprs(scope);
    this.t = scope.thread();
  }

  void block(KernelCParser.BlockContext b) {
    for (KernelCParser.StmtContext s : b.stmt()) {
      stmt(s);
    }
  }

  private void stmt(KernelCParser.StmtContext s) {
    if (s instanceof KernelCParser.DeclStmtContext d) {
      scope.declare(d.IDENT().getSymbol(), d.typeName());
      if (d.expr() != null) {
        assign(s, scope.register(d.IDENT().getSymbol()), d.expr());
      }
    } else if (s instanceof KernelCParser.AssignStmtContext a) {
      assign(s, scope.register(a.IDENT().getSymbol()), a.expr());
    } else if (s instanceof KernelCParser.ExprStmtContext e) {
      expression(s, e.expr());
    } else if (s instanceof KernelCParser.IfStmtContext i) {
      branch(i);
    } else if (s instanceof KernelCParser.ForStmtContext f) {
      loop(f);
    } else if (s instanceof KernelCParser.BlockStmtContext b) {
      block(b.block());
    } else if (s instanceof KernelCParser.StoreStmtContext st) {
      Exprs.Pointer p = exprs.pointer(st.IDENT().getSymbol());
      Compiled v = exprs.value(st.expr());
      oneAccess(s, new Compiled(null, null, Exprs.withAccess(p, v.accesses()), Order.PLAIN));
      IntExpr value = v.value();
      t.step(label(s), x -> x.store(p.at(x), value.eval(x)));
    } else if (s instanceof KernelCParser.IncStmtContext inc) {
      Exprs.Pointer p = exprs.pointer(inc.IDENT().getSymbol());
      int delta = inc.op.getText().equals("++") ? 1 : -1;
      t.step(label(s), x -> x.store(p.at(x), x.load(p.at(x)) + delta));
    } else if (s instanceof KernelCParser.ReturnStmtContext r) {
      if (returns.isEmpty() || r.expr() != null) {
        throw scope.where(s).error(returns.isEmpty() ? "return outside a function"
            : "a function of several steps returns no value; keep the value in a register");
      }
      Label end = returns.peek();
      t.step("return", x -> x.jump(end));
    }
  }

  /** A barrier's kernel name. */
  static boolean isBarrier(String name) {
    return BARRIERS.contains(name) || name.equals("dsb");
  }

  private void assign(KernelCParser.StmtContext s, Reg r, KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.CallContext call && call.IDENT().getText().equals("access")) {
      TlbSteps.access(scope, call, label(s), r);
      return;
    }
    Compiled c = oneAccess(s, exprs.value(e));
    IntExpr v = c.value();
    t.step(label(s), c.order(), x -> x.set(r, v.eval(x)));
  }

  private void expression(KernelCParser.StmtContext s, KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.CallContext call) {
      String name = call.IDENT().getText();
      if (BARRIERS.contains(name)) {
        if (!call.expr().isEmpty()) {
          throw scope.where(call).error(name + "() takes no arguments");
        }
        t.barrier(label(s));
        return;
      }
      if (name.equals("dsb")) {
        String arg = call.expr().size() == 1 ? Scope.text(call.expr(0)) : "";
        if (!arg.equals("ish") && !arg.equals("ishst")) {
          throw scope.where(call).error("dsb takes its domain: dsb(ish) or dsb(ishst)");
        }
        t.barrier(label(s));
        return;
      }
      if (LockSteps.handles(name)) {
        LockSteps.write(scope, call, label(s));
        return;
      }
      if (TlbSteps.handles(name)) {
        TlbSteps.write(scope, call, label(s));
        return;
      }
      if (scope.helpers().has(name) && !scope.helpers().isOneStep(name)) {
        inline(call);
        return;
      }
      if (name.equals("put_page") && !scope.helpers().has(name)) {
        // A step that only drops a reference, as the catalogue's put_page: necessity removes it.
        IntExpr put = oneAccess(s, exprs.compile(e)).effect();
        t.refcount(label(s), x -> put.eval(x));
        return;
      }
    }
    Compiled c = oneAccess(s, exprs.compile(e));
    IntExpr effect = c.effect();
    t.step(label(s), c.order(), x -> effect.eval(x));
  }

  /** A function of several steps: its body in place of the call, its lines steps. */
  private void inline(KernelCParser.CallContext call) {
    KernelCParser.HelperContext h = scope.helpers().enter(scope, exprs, call, true);
    Label end = t.label();
    returns.push(end);
    try {
      block(h.block());
    } finally {
      returns.pop();
      scope.calls().leave();
    }
    t.place(end);
  }

  private void branch(KernelCParser.IfStmtContext i) {
    Compiled test = oneAccess(i, exprs.value(i.expr()));
    IntExpr cond = test.value();
    Label otherwise = t.label();
    t.step(scope.withConstants("if (" + Scope.text(i.expr()) + ")"), test.order(), x -> {
      if (cond.eval(x) == 0) {
        x.jump(otherwise);
      }
    });
    stmt(i.stmt(0));
    if (i.stmt().size() == 1) {
      t.place(otherwise);
      return;
    }
    Label end = t.label();
    t.step("} else { (skipped)", x -> x.jump(end));
    t.place(otherwise);
    stmt(i.stmt(1));
    t.place(end);
  }

  private void loop(KernelCParser.ForStmtContext f) {
    String counter = f.var.getText();
    for (var use : f.IDENT()) {
      if (!use.getText().equals(counter)) {
        throw scope.where(use.getSymbol()).error("a loop is 'for (int " + counter + " = A; "
            + counter + " < B; " + counter + "++)' over constants; '" + use.getText()
            + "' is not its counter");
      }
    }
    Where at = scope.where(f);
    int from = Scope.literal(at, f.from.getText());
    int to = Scope.literal(at, f.to.getText());
    for (int k = from; k < to; k++) {
      scope.bind(f.var, k);
      stmt(f.stmt());
    }
    scope.unbind(f.var);
  }

  /** {@code c}, checked to touch at most one shared variable, at most once. */
  private Compiled oneAccess(org.antlr.v4.runtime.ParserRuleContext line, Compiled c) {
    List<Access> accesses = c.accesses();
    if (accesses.size() > 1) {
      Set<String> names = new LinkedHashSet<>();
      accesses.forEach(a -> names.add(a.location()));
      throw scope.where(line).error("'" + Scope.text(line) + "' makes "
          + accesses.size() + " shared accesses (" + String.join(", ", names) + "); a step "
          + "makes at most one, or one read-modify-write: split the line, reading into a "
          + "register first");
    }
    return c;
  }

  /**
   * A statement's label: its text without the closing semicolon, with each loop counter's
   * value in place of its name, so that the steps of an unrolled loop read apart in a trace
   * ({@code set_pte(pt, 1, PTE_INVALID)}).
   */
  private String label(KernelCParser.StmtContext s) {
    String text = scope.withConstants(Scope.text(s));
    return text.endsWith(";") ? text.substring(0, text.length() - 1).trim() : text;
  }
}
