package tlbcheck.file;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Ctx;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Var;

/**
 * Compiles a C expression of one thread into code over {@link Ctx}, and lists the shared
 * accesses it makes, so that the thread's compiler can hold a line to one access (PROTOCOLS.md
 * "Conventions"). Registers and loop counters are free; every shared access goes through a
 * kernel primitive ({@link Primitives}) or a plain {@code *x}.
 */
final class Exprs {
  /** An expression's value in the state a step runs in. */
  interface IntExpr {
    int eval(Ctx c);
  }

  /** A shared access an expression makes: to which variable. */
  record Access(String location) {}

  /**
   * A compiled expression with its accesses and the ordering of its access (PLAIN if it makes
   * none); {@code value} is null for a call of no value.
   */
  record Compiled(IntExpr value, IntExpr effect, List<Access> accesses, Order order) {
    static Compiled pure(IntExpr e) {
      return new Compiled(e, e, List.of(), Order.PLAIN);
    }

    /** The ordering of the accesses of {@code a} and {@code b}: the one that makes one. */
    static Order of(Compiled a, Compiled b) {
      return a.accesses().isEmpty() ? b.order() : a.order();
    }
  }

  /** A pointer to one shared variable, with the offset an address dependency adds (zero). */
  record Pointer(String location, Var var, IntExpr offset, String text) {
    /** The variable, after checking that the offset is zero as the dependency idiom keeps it. */
    Var at(Ctx c) {
      if (offset != null && offset.eval(c) != 0) {
        throw ModelError.inStep(text + " points outside " + location + ": only a zero offset "
            + "(an address dependency such as x + (r0 ^ r0)) is modelled");
      }
      return var;
    }
  }

  private final Scope scope;
  private final Primitives primitives;

  Exprs(Scope scope) {
    this.scope = scope;
    this.primitives = new Primitives(this, scope);
  }

  Compiled compile(KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.LiteralContext lit) {
      int v = Scope.literal(scope.where(lit), lit.INT().getText());
      return Compiled.pure(c -> v);
    }
    if (e instanceof KernelCParser.BooleanContext b) {
      int v = b.getText().equals("true") ? 1 : 0;
      return Compiled.pure(c -> v);
    }
    if (e instanceof KernelCParser.ParensContext p) {
      return compile(p.expr());
    }
    if (e instanceof KernelCParser.NameContext n) {
      return Compiled.pure(scope.value(n.IDENT().getSymbol()));
    }
    if (e instanceof KernelCParser.DerefContext d) {
      Pointer p = pointer(d.expr());
      return new Compiled(c -> c.load(p.at(c)), c -> c.load(p.at(c)),
          withAccess(p, List.of()), Order.PLAIN);
    }
    if (e instanceof KernelCParser.UnaryContext u) {
      return unary(u.op.getText(), value(u.expr()));
    }
    if (e instanceof KernelCParser.BinaryContext b) {
      return binary(b);
    }
    return primitives.call((KernelCParser.CallContext) e);
  }

  /** An expression used for its value: a call of no value here is an error. */
  Compiled value(KernelCParser.ExprContext e) {
    Compiled c = compile(e);
    if (c.value() == null) {
      throw scope.where(e).error("'" + Scope.text(e) + "' has no value to use");
    }
    return c;
  }

  /** {@code x}, {@code (x)} or {@code x + e}: a pointer parameter of this thread. */
  Pointer pointer(KernelCParser.ExprContext e) {
    if (e instanceof KernelCParser.ParensContext p) {
      return pointer(p.expr());
    }
    if (e instanceof KernelCParser.NameContext n) {
      return pointer(n.IDENT().getSymbol());
    }
    if (e instanceof KernelCParser.BinaryContext b && b.op.getText().equals("+")) {
      boolean leftIsPointer = b.expr(0) instanceof KernelCParser.NameContext n
          && scope.isLocation(n.IDENT().getText());
      Pointer base = pointer(b.expr(leftIsPointer ? 0 : 1));
      Compiled offset = value(b.expr(leftIsPointer ? 1 : 0));
      if (!offset.accesses().isEmpty()) {
        throw scope.where(e).error("the offset of '" + Scope.text(e) + "' reads shared memory; "
            + "read it into a register on a line of its own");
      }
      return new Pointer(base.location(), base.var(), offset.value(), Scope.text(e));
    }
    throw scope.where(e).error("'" + Scope.text(e) + "' is not a pointer to a shared variable "
        + "this thread declares");
  }

  /** The shared variable {@code name} points at, through a helper's parameter if it is one. */
  Pointer pointer(org.antlr.v4.runtime.Token name) {
    Var v = scope.location(name);
    return new Pointer(v.name(), v, null, name.getText());
  }

  static List<Access> withAccess(Pointer p, List<Access> more) {
    List<Access> all = new ArrayList<>(more);
    all.add(new Access(p.location()));
    return all;
  }

  private Compiled unary(String op, Compiled a) {
    IntExpr x = a.value();
    IntExpr r = switch (op) {
      case "!" -> c -> x.eval(c) == 0 ? 1 : 0;
      case "-" -> c -> -x.eval(c);
      default -> c -> ~x.eval(c);
    };
    return new Compiled(r, r, a.accesses(), a.order());
  }

  private Compiled binary(KernelCParser.BinaryContext b) {
    Compiled l = value(b.expr(0));
    Compiled r = value(b.expr(1));
    IntExpr x = l.value();
    IntExpr y = r.value();
    String op = b.op.getText();
    IntExpr v = switch (op) {
      case "*" -> c -> x.eval(c) * y.eval(c);
      case "/" -> c -> x.eval(c) / nonZero(y.eval(c), op);
      case "%" -> c -> x.eval(c) % nonZero(y.eval(c), op);
      case "+" -> c -> x.eval(c) + y.eval(c);
      case "-" -> c -> x.eval(c) - y.eval(c);
      case "<<" -> c -> x.eval(c) << y.eval(c);
      case ">>" -> c -> x.eval(c) >> y.eval(c);
      case "<" -> c -> x.eval(c) < y.eval(c) ? 1 : 0;
      case "<=" -> c -> x.eval(c) <= y.eval(c) ? 1 : 0;
      case ">" -> c -> x.eval(c) > y.eval(c) ? 1 : 0;
      case ">=" -> c -> x.eval(c) >= y.eval(c) ? 1 : 0;
      case "==" -> c -> x.eval(c) == y.eval(c) ? 1 : 0;
      case "!=" -> c -> x.eval(c) != y.eval(c) ? 1 : 0;
      case "&" -> c -> x.eval(c) & y.eval(c);
      case "^" -> c -> x.eval(c) ^ y.eval(c);
      case "|" -> c -> x.eval(c) | y.eval(c);
      case "&&" -> c -> x.eval(c) != 0 && y.eval(c) != 0 ? 1 : 0;
      default -> c -> x.eval(c) != 0 || y.eval(c) != 0 ? 1 : 0;
    };
    List<Access> accesses = new ArrayList<>(l.accesses());
    accesses.addAll(r.accesses());
    return new Compiled(v, v, accesses, Compiled.of(l, r));
  }

  private static int nonZero(int divisor, String op) {
    if (divisor == 0) {
      throw ModelError.inStep("division by zero in '" + op + "'");
    }
    return divisor;
  }
}
