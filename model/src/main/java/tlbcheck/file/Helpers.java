package tlbcheck.file;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.tree.ParseTree;
import tlbcheck.file.Exprs.Access;
import tlbcheck.file.Exprs.Compiled;
import tlbcheck.file.Exprs.IntExpr;
import tlbcheck.file.Exprs.Pointer;
import tlbcheck.model.Ctx;
import tlbcheck.model.Order;
import tlbcheck.model.Var;

/**
 * A model file's functions ({@code static bool kvm_unmap_hva(enum spte_t *spte) {...}}), inlined
 * where they are called, as the kernel's static inline functions are. A function is one of two
 * kinds, told by its body:
 * <ul>
 *   <li>of one step, if it takes no lock, no barrier, no TLB operation, calls no function of
 *       several steps and declares no local: its call is part of the line that makes it, one
 *       step whatever the body does, and its body may read and write one shared variable (a
 *       plain read-modify-write, such as the Java vocabulary's steps make). {@code
 *       is_shadow_present_pte(*spte)} and {@code zapped = kvm_unmap_hva(spte)} are such calls.
 *   <li>of several steps otherwise: a call on a line of its own is replaced by the body, each
 *       of whose lines is a step labelled with its own text; its locals are registers of the
 *       calling thread. {@code kvm_flush_remote_tlbs(remote_tlbs_dirty)} is such a call.
 * </ul>
 * A pointer parameter stands for the shared variable its argument points at; a value parameter
 * of a one-step function for its argument's value in that step; a value parameter of a
 * function of several steps takes a constant, since its steps run at different times.
 */
final class Helpers {
  /** The value of a body that ran to its end without a return. */
  private static final int NO_RETURN = Integer.MIN_VALUE;

  /** Calls that make a step of their own, and so a function of several steps. */
  private static final Set<String> STEP_CALLS = Set.of("access", "flush", "flush_all");

  private final Symbols symbols;
  private final Map<String, Boolean> oneStep = new HashMap<>();

  Helpers(Symbols symbols) {
    this.symbols = symbols;
  }

  boolean has(String name) {
    return symbols.helpers.containsKey(name);
  }

  /** Whether {@code name}'s call is one step. */
  boolean isOneStep(String name) {
    return oneStep.computeIfAbsent(name, n -> oneStep(symbols.helpers.get(n).block(),
        new HashSet<>(Set.of(n))));
  }

  private boolean oneStep(ParseTree t, Set<String> seen) {
    if (t instanceof KernelCParser.DeclStmtContext || t instanceof KernelCParser.ForStmtContext) {
      return false;
    }
    if (t instanceof KernelCParser.CallContext c) {
      String name = c.IDENT().getText();
      if (STEP_CALLS.contains(name) || LockSteps.handles(name) || ThreadCompiler.isBarrier(name)) {
        return false;
      }
      if (has(name) && seen.add(name)
          && !oneStep(symbols.helpers.get(name).block(), seen)) {
        return false;
      }
    }
    for (int i = 0; i < t.getChildCount(); i++) {
      if (!oneStep(t.getChild(i), seen)) {
        return false;
      }
    }
    return true;
  }

  /** Binds {@code call}'s arguments to the function's parameters and enters it in {@code scope}. */
  KernelCParser.HelperContext enter(Scope scope, Exprs exprs, KernelCParser.CallContext call,
      boolean constantsOnly) {
    String name = call.IDENT().getText();
    KernelCParser.HelperContext h = symbols.helpers.get(name);
    List<KernelCParser.HelperParamContext> params = h.helperParam();
    if (params.size() != call.expr().size()) {
      throw scope.where(call).error(name + " takes " + params.size() + " argument"
          + (params.size() == 1 ? "" : "s") + ", not " + call.expr().size());
    }
    Map<String, String> pointers = new HashMap<>();
    Map<String, IntExpr> values = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      KernelCParser.HelperParamContext p = params.get(i);
      KernelCParser.ExprContext arg = call.expr(i);
      if (p.ptr != null) {
        pointers.put(p.IDENT().getText(), exprs.pointer(arg).location());
      } else if (constantsOnly && !isConstant(scope, arg)) {
        throw scope.where(arg).error(name + " runs as several steps, so its value parameter "
            + p.IDENT().getText() + " takes a constant, not '" + Scope.text(arg) + "'");
      } else {
        values.put(p.IDENT().getText(), exprs.value(arg).value());
      }
    }
    scope.calls().enter(scope.where(call), name, pointers, values);
    return h;
  }

  private boolean isConstant(Scope scope, KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.ParensContext p) {
      return isConstant(scope, p.expr());
    }
    return e instanceof KernelCParser.LiteralContext || e instanceof KernelCParser.BooleanContext
        || e instanceof KernelCParser.NameContext n && scope.registerOrNull(n.getText()) == null
            && !scope.isLocation(n.getText());
  }

  /** A one-step function's call: its body run in the step of the line that calls it. */
  Compiled oneStep(Scope scope, Exprs exprs, KernelCParser.CallContext call) {
    Set<String> touched = new LinkedHashSet<>();
    Order[] order = {Order.PLAIN};
    KernelCParser.HelperContext h = symbols.helpers.get(call.IDENT().getText());
    for (int i = 0; i < call.expr().size() && i < h.helperParam().size(); i++) {
      if (h.helperParam(i).ptr == null) {
        note(exprs.value(call.expr(i)), touched, order);
      }
    }
    enter(scope, exprs, call, false);
    Body body;
    try {
      body = block(scope, exprs, h.block().stmt(), touched, order);
    } finally {
      scope.calls().leave();
    }
    if (touched.size() > 1) {
      throw scope.where(call).error("'" + Scope.text(call) + "' touches " + String.join(", ",
          touched) + "; a step touches at most one shared variable: split the function");
    }
    boolean returns = h.typeName() != null;
    IntExpr run = c -> {
      int v = body.run(c);
      return v == NO_RETURN ? 0 : v;
    };
    return new Compiled(returns ? run : null, run,
        touched.stream().map(Access::new).toList(), order[0]);
  }

  /** Code of a one-step body: its value, or {@link #NO_RETURN}. */
  private interface Body {
    int run(Ctx c);
  }

  private Body block(Scope scope, Exprs exprs, List<KernelCParser.StmtContext> stmts,
      Set<String> touched, Order[] order) {
    Body[] parts = new Body[stmts.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = stmt(scope, exprs, stmts.get(i), touched, order);
    }
    return c -> {
      for (Body b : parts) {
        int v = b.run(c);
        if (v != NO_RETURN) {
          return v;
        }
      }
      return NO_RETURN;
    };
  }

  private Body stmt(Scope scope, Exprs exprs, KernelCParser.StmtContext s, Set<String> touched,
      Order[] order) {
    if (s instanceof KernelCParser.BlockStmtContext b) {
      return block(scope, exprs, b.block().stmt(), touched, order);
    }
    if (s instanceof KernelCParser.EmptyStmtContext) {
      return c -> NO_RETURN;
    }
    if (s instanceof KernelCParser.ReturnStmtContext r) {
      if (r.expr() == null) {
        return c -> 0;
      }
      IntExpr v = note(exprs.value(r.expr()), touched, order).value();
      return c -> v.eval(c);
    }
    if (s instanceof KernelCParser.IfStmtContext i) {
      IntExpr cond = note(exprs.value(i.expr()), touched, order).value();
      Body then = stmt(scope, exprs, i.stmt(0), touched, order);
      Body otherwise = i.stmt().size() > 1 ? stmt(scope, exprs, i.stmt(1), touched, order)
          : c -> NO_RETURN;
      return c -> cond.eval(c) != 0 ? then.run(c) : otherwise.run(c);
    }
    if (s instanceof KernelCParser.StoreStmtContext st) {
      Pointer p = exprs.pointer(st.IDENT().getSymbol());
      IntExpr v = note(exprs.value(st.expr()), touched, order).value();
      touched.add(p.location());
      return c -> {
        Var x = p.at(c);
        c.store(x, v.eval(c));
        return NO_RETURN;
      };
    }
    if (s instanceof KernelCParser.IncStmtContext inc) {
      Pointer p = exprs.pointer(inc.IDENT().getSymbol());
      touched.add(p.location());
      int delta = inc.op.getText().equals("++") ? 1 : -1;
      return c -> {
        Var x = p.at(c);
        c.store(x, c.load(x) + delta);
        return NO_RETURN;
      };
    }
    if (s instanceof KernelCParser.ExprStmtContext e) {
      IntExpr effect = note(exprs.compile(e.expr()), touched, order).effect();
      return c -> {
        effect.eval(c);
        return NO_RETURN;
      };
    }
    throw scope.where(s).error("a function of one step reads and writes through its "
        + "parameters and returns; '" + Scope.text(s) + "' is not allowed in it");
  }

  private static Compiled note(Compiled c, Set<String> touched, Order[] order) {
    if (!c.accesses().isEmpty() && touched.isEmpty()) {
      order[0] = c.order();
    }
    c.accesses().forEach(a -> touched.add(a.location()));
    return c;
  }
}
