package tlbcheck.file;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import tlbcheck.kernel.Rcu;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * What a name means inside one thread of a model file: a loop counter (a constant of the
 * unrolled iteration), a register the thread declared, or a shared variable or lock among the
 * thread's parameters. A name that is none of these, or a variable the thread did not declare,
 * is an error at its place in the file.
 */
final class Scope {
  private final String file;
  private final Symbols symbols;
  private final ThreadBuilder thread;
  private final int index;
  private final Set<String> params;
  private final Map<String, Reg> regs = new LinkedHashMap<>();
  private final Map<String, Integer> constants = new HashMap<>();

  Scope(String file, Symbols symbols, ThreadBuilder thread, int index,
      Set<String> params) {
    this.file = file;
    this.symbols = symbols;
    this.thread = thread;
    this.index = index;
    this.params = params;
  }

  Where where(ParserRuleContext c) {
    return Where.of(file, c);
  }

  Where where(Token t) {
    return Where.of(file, t);
  }

  ThreadBuilder thread() {
    return thread;
  }

  Domain domain() {
    return symbols.domain();
  }

  /** Declares register {@code name}, starting at the value the initial state gives it. */
  void declare(Token name) {
    String id = name.getText();
    if (regs.containsKey(id) || symbols.isShared(id)) {
      throw where(name).error("'" + id + "' is declared twice in " + thread.name());
    }
    regs.put(id, thread.reg(id, domain(), symbols.initialRegister(index, id)));
  }

  Reg register(Token name) {
    Reg r = regs.get(name.getText());
    if (r == null) {
      throw where(name).error(symbols.isShared(name.getText())
          ? "'" + name.getText() + "' is a shared variable: write it with WRITE_ONCE(*"
              + name.getText() + ", ...)"
          : "undeclared register '" + name.getText() + "' in " + thread.name()
              + ": declare it first (int " + name.getText() + ";)");
    }
    return r;
  }

  Reg registerOrNull(String name) {
    return regs.get(name);
  }

  /** A name read for its value: a loop counter or a register. */
  Exprs.IntExpr value(Token name) {
    Integer k = constants.get(name.getText());
    if (k != null) {
      return c -> k;
    }
    if (symbols.isShared(name.getText()) && !regs.containsKey(name.getText())) {
      throw where(name).error("'" + name.getText() + "' is a pointer to a shared variable: "
          + "read it with READ_ONCE(*" + name.getText() + ")");
    }
    Reg r = register(name);
    return c -> c.get(r);
  }

  boolean isLocation(String name) {
    return symbols.isShared(name) && !constants.containsKey(name) && !regs.containsKey(name);
  }

  /** A shared int variable this thread declared among its parameters. */
  Var location(Token name) {
    String id = declared(name);
    Var v = symbols.var(id);
    if (v == null) {
      throw where(name).error("'" + id + "' is a lock, not an int: take it with "
          + "spin_lock(" + id + "), read_lock(" + id + ") or write_lock(" + id + ")");
    }
    return v;
  }

  /** A lock this thread declared among its parameters. */
  Spinlock lock(Token name) {
    String id = declared(name);
    Spinlock l = symbols.lock(id);
    if (l == null) {
      throw where(name).error("'" + id + "' is not a spinlock_t");
    }
    return l;
  }

  /** A queued rwlock this thread declared among its parameters. */
  RwLock rwlock(Token name) {
    String id = declared(name);
    RwLock l = symbols.rwlock(id);
    if (l == null) {
      throw where(name).error("'" + id + "' is not an rwlock_t");
    }
    return l;
  }

  /** The RCU state, which exists since this thread uses it. */
  Rcu rcu() {
    return symbols.rcu;
  }

  /** This thread's index among RCU's readers. */
  int reader() {
    return symbols.readers.get(index);
  }

  /** A callback slot of its own for one synchronize_rcu(). */
  int callback() {
    return symbols.nextCallback++;
  }

  private String declared(Token name) {
    String id = name.getText();
    if (!symbols.isShared(id)) {
      throw where(name).error("unknown shared variable '" + id + "'");
    }
    if (!params.contains(id)) {
      throw where(name).error(thread.name() + " touches '" + id + "', which its parameters "
          + "do not declare");
    }
    return id;
  }

  void bind(Token counter, int value) {
    constants.put(counter.getText(), value);
  }

  void unbind(Token counter) {
    constants.remove(counter.getText());
  }

  /** The source text of {@code c}, its whitespace collapsed: a step's label. */
  static String text(ParserRuleContext c) {
    String raw = c.getStart().getInputStream().getText(
        Interval.of(c.getStart().getStartIndex(), c.getStop().getStopIndex()));
    return raw.replaceAll("\\s+", " ").trim();
  }

  /** A literal's value: a non-negative int, decimal or hex. */
  static int literal(Where where, String text) {
    try {
      return text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16)
          : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw where.error("the literal " + text + " does not fit an int");
    }
  }
}
