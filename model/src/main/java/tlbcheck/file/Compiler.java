package tlbcheck.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.tree.TerminalNode;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ThreadBuilder;

/**
 * Compiles a parsed model file to a {@link Model}: the shared variables and locks the threads'
 * parameters declare (each int over 0..M, M the largest value the file writes, plus one per
 * increment it makes), their initial values, one thread per {@code Pn} function, and the final
 * clause as the model's property.
 */
final class Compiler {
  /** The model's vocabulary and its final clause. */
  record Result(Model model, Clause clause) {}

  private static final Set<String> INCREMENTS = Set.of("atomic_inc", "atomic_add",
      "atomic_inc_return", "atomic_add_return", "atomic_fetch_inc", "atomic_fetch_add",
      "refcount_inc", "refcount_inc_not_zero");

  private final String file;
  private final String name;
  private final KernelCParser.FileContext tree;

  Compiler(String file, String name, KernelCParser.FileContext tree) {
    this.file = file;
    this.name = name;
    this.tree = tree;
  }

  Result compile() {
    ModelBuilder m = Model.builder(name, "as-written", "race");
    Symbols symbols = new Symbols(Domain.range(largestValue()));
    Map<String, String> shared = sharedNames();
    readInitial(symbols, shared);
    int threadCount = tree.thread().size();
    shared.forEach((id, type) -> symbols.declare(m, id, type, threadCount));
    Rcus.declare(file, m, symbols, tree);
    List<Scope> scopes = new ArrayList<>();
    List<KernelCParser.ThreadContext> threads = tree.thread();
    for (int i = 0; i < threads.size(); i++) {
      KernelCParser.ThreadContext tc = threads.get(i);
      if (!tc.IDENT().getText().equals("P" + i)) {
        throw Where.of(file, tc).error("threads are P0, P1, ... in order; this one is "
            + tc.IDENT().getText() + ", where P" + i + " was expected");
      }
      ThreadBuilder t = m.thread("P" + i);
      Set<String> params = new LinkedHashSet<>();
      tc.param().forEach(p -> params.add(p.IDENT().getText()));
      Scope scope = new Scope(file, symbols, t, i, params);
      new ThreadCompiler(scope).block(tc.block());
      scopes.add(scope);
    }
    Clause clause = new Clauses(file, symbols, scopes).compile(tree.clause());
    String text = clause.quantifier() == Clause.Quantifier.FORALL
        ? "every final state satisfies " : "no final state satisfies ";
    m.finalProperty(clause.quantifier() == Clause.Quantifier.FORALL ? "forall" : "exists",
        text + clause.toString().replaceFirst("^\\S+ ", ""), r -> {
          boolean holds = clause.holds(clause.observe(r));
          boolean bad = clause.quantifier() == Clause.Quantifier.FORALL ? !holds : holds;
          return bad ? "a final state where " + clause.toString().replaceFirst("^\\S+ ", "")
              + (holds ? " holds" : " does not hold") : null;
        });
    return new Result(m.build(), clause);
  }

  /**
   * Every parameter name, in the order the threads declare them, with its kind: {@code
   * spinlock_t}, {@code rwlock_t}, or {@code int} for any other type (atomic_t, refcount_t).
   */
  private Map<String, String> sharedNames() {
    Map<String, String> shared = new LinkedHashMap<>();
    for (KernelCParser.ThreadContext t : tree.thread()) {
      for (KernelCParser.ParamContext p : t.param()) {
        String id = p.IDENT().getText();
        String type = Scope.text(p.typeName());
        String kind = type.contains("spinlock_t") ? "spinlock_t"
            : type.contains("rwlock_t") ? "rwlock_t" : "int";
        String before = shared.putIfAbsent(id, kind);
        if (before != null && !before.equals(kind)) {
          throw Where.of(file, p).error("'" + id + "' is declared as " + kind + " here and as "
              + before + " by an earlier thread");
        }
      }
    }
    return shared;
  }

  private void readInitial(Symbols symbols, Map<String, String> shared) {
    for (KernelCParser.InitItemContext item : tree.init().initItem()) {
      if (!(item instanceof KernelCParser.InitValueContext v)) {
        continue;
      }
      Where at = Where.of(file, v);
      if (v.value().getText().startsWith("-")) {
        throw at.error("values are 0 or more; " + v.value().getText() + " is negative");
      }
      int value = Scope.literal(at, v.value().INT().getText());
      String id = v.target().IDENT().getText();
      if (v.target().proc != null) {
        symbols.initial.put(Scope.literal(at, v.target().proc.getText()) + ":" + id, value);
      } else {
        shared.putIfAbsent(id, "int");
        symbols.initial.put(id, value);
      }
    }
  }

  /** M: the largest literal in the file (at least 1), plus one per increment it can make. */
  private int largestValue() {
    int largest = 1;
    int increments = 0;
    List<TerminalNode> literals = new ArrayList<>();
    collect(tree, literals);
    for (TerminalNode n : literals) {
      if (n.getSymbol().getType() == KernelCParser.INT) {
        largest = Math.max(largest, Scope.literal(Where.of(file, n.getSymbol()), n.getText()));
      } else if (INCREMENTS.contains(Primitives.ordered(n.getText()))) {
        increments++;
      }
    }
    return largest + increments;
  }

  private static void collect(org.antlr.v4.runtime.tree.ParseTree t, List<TerminalNode> out) {
    if (t instanceof TerminalNode n) {
      out.add(n);
      return;
    }
    for (int i = 0; i < t.getChildCount(); i++) {
      collect(t.getChild(i), out);
    }
  }
}
