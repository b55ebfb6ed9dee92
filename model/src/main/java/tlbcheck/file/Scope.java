package tlbcheck.file;

import java.util.HashMap;
import java.util.HashSet;
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
  private final Declarations declarations;
  private final ThreadBuilder thread;
  private final int index;
  private final int cpu;
  private final Set<String> params;
  private final Map<String, Reg> regs = new LinkedHashMap<>();
  private final Map<String, Integer> constants = new HashMap<>();
  private final Calls calls = new Calls();
  /** The locals of functions of several steps: registers, declared at their first call. */
  private final Set<String> functionLocals = new HashSet<>();
  private Helpers helpers;

  Scope(String file, Symbols symbols, Declarations declarations, ThreadBuilder thread,
      int index, int cpu, Set<String> params) {
    this.file = file;
    this.symbols = symbols;
    this.declarations = declarations;
    this.thread = thread;
    this.index = index;
    this.cpu = cpu;
    this.params = params;
  }

  Symbols symbols() {
    return symbols;
  }

  /** The file's functions, as this thread inlines them. */
  Helpers helpers() {
    if (helpers == null) {
      helpers = new Helpers(symbols);
    }
    return helpers;
  }

  /** The CPU the thread runs on: n for Pn, c for name(c), else its index. */
  int cpu() {
    return cpu;
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

  /**
   * Declares register {@code name} of type {@code type}, starting at the value the initial
   * state gives it. A helper's local is a register of the thread that calls it, declared once
   * however often the helper runs.
   */
  void declare(Token name, KernelCParser.TypeNameContext type) {
    String id = name.getText();
    if (calls.inside() && functionLocals.contains(id)) {
      return;
    }
    if (regs.containsKey(id) || symbols.isShared(id)) {
      throw where(name).error("'" + id + "' is declared twice in " + thread.name());
    }
    regs.put(id, thread.reg(id, declarations.domainOf(where(type), text(type)),
        symbols.initialRegister(index, id)));
    if (calls.inside()) {
      functionLocals.add(id);
    }
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

  /** A name read for its value: a loop counter, a helper's parameter, an enumerator, a register. */
  Exprs.IntExpr value(Token name) {
    Integer k = constants.get(name.getText());
    if (k == null && !regs.containsKey(name.getText())) {
      k = symbols.enumerators.get(name.getText());
    }
    if (k != null) {
      int v = k;
      return c -> v;
    }
    Exprs.IntExpr bound = calls.value(name.getText());
    if (bound != null) {
      return bound;
    }
    if (isLocation(name.getText()) && !regs.containsKey(name.getText())) {
      throw where(name).error("'" + name.getText() + "' is a pointer to a shared variable: "
          + "read it with READ_ONCE(*" + name.getText() + ")");
    }
    Reg r = register(name);
    return c -> c.get(r);
  }

  boolean isLocation(String name) {
    String id = resolve(name);
    return symbols.isShared(id) && !constants.containsKey(name) && calls.value(name) == null
        && !regs.containsKey(name);
  }

  /** The shared name a pointer names here: a helper's parameter stands for its argument. */
  String resolve(String name) {
    String shared = calls.pointer(name);
    return shared == null ? name : shared;
  }

  /** A per-CPU TLB array this thread declared among its parameters. */
  Var[] tlbArray(Token name) {
    String id = declared(name);
    Var[] a = symbols.tlbArray(id);
    if (a == null) {
      throw where(name).error("'" + id + "' is not a tlb_t");
    }
    return a;
  }

  /** A shared int variable this thread declared among its parameters. */
  Var location(Token name) {
    String id = declared(name);
    Var v = symbols.var(id);
    if (v == null && symbols.pageTables.table(id) != null) {
      throw where(name).error("'" + id + "' is a page-table page: write it with set_pte(" + id
          + ", i, v), put_page(" + id + ") or free_page(" + id + ")");
    }
    if (v == null) {
      throw where(name).error("'" + id + "' is a lock, not an int: take it with "
          + "spin_lock(" + id + "), read_lock(" + id + ") or write_lock(" + id + ")");
    }
    return v;
  }

  /** A page-table page this thread declared among its parameters. */
  PageTables.Table pageTable(Token name) {
    String id = declared(name);
    PageTables.Table t = symbols.pageTables.table(id);
    if (t == null) {
      throw where(name).error("'" + id + "' is not a pgtable_t");
    }
    return t;
  }

  /** A table entry pointing at a page-table page, which this thread declared. */
  PageTables.Pointer tableEntry(Token name) {
    String id = declared(name);
    PageTables.Pointer p = symbols.pageTables.pointer(id);
    if (p == null) {
      throw where(name).error("'" + id + "' points at no page-table page: its enum needs an "
          + "enumerator such as TABLE(pt), pt a pgtable_t, and the file a tlb_t");
    }
    return p;
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
    String id = calls.pointer(name.getText());
    if (id != null) {
      return id;
    }
    id = name.getText();
    if (calls.inside() && symbols.isShared(id)) {
      throw where(name).error(calls.function() + " touches '" + id + "', which its parameters "
          + "do not declare");
    }
    if (!symbols.isShared(id)) {
      throw where(name).error("unknown shared variable '" + id + "'");
    }
    if (!params.contains(id)) {
      throw where(name).error(thread.name() + " touches '" + id + "', which its parameters "
          + "do not declare");
    }
    return id;
  }

  /** The functions being inlined here. */
  Calls calls() {
    return calls;
  }

  /** A loop counter's value here, or null. */
  Integer constant(String name) {
    return constants.get(name);
  }

  /** {@code text} with each loop counter bound here, as a whole word, replaced by its value. */
  String withConstants(String text) {
    for (Map.Entry<String, Integer> k : constants.entrySet()) {
      text = text.replaceAll("\\b" + k.getKey() + "\\b", String.valueOf(k.getValue()));
    }
    return text;
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
