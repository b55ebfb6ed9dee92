package tlbcheck.file;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.tree.TerminalNode;
import tlbcheck.model.Domain;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Race;
import tlbcheck.model.ThreadBuilder;

/**
 * Compiles a parsed model file to a {@link Model}: the shared state it declares ({@link
 * Declarations}; an int ranges over 0..M, M the largest value the file writes plus one per
 * increment it makes), its helper functions, one thread per function ({@code P0}, or a name
 * such as {@code invlpg}, or {@code guest(1)}, which runs on CPU 1), and its properties: the
 * final clause, and the named invariants and final properties ({@link Clauses}).
 */
final class Compiler {
  /** The model, its final clause (or null) and its race for jcstress (or null). */
  record Result(Model model, Clause clause, Race race) {}

  private static final Set<String> INCREMENTS = Set.of("atomic_inc", "atomic_add",
      "atomic_inc_return", "atomic_add_return", "atomic_fetch_inc", "atomic_fetch_add",
      "refcount_inc", "refcount_inc_not_zero", "++");

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
    Declarations declarations = new Declarations(file, symbols);
    declarations.declare(m, tree);
    for (KernelCParser.HelperContext h : tree.helper()) {
      if (symbols.helpers.put(h.IDENT().getText(), h) != null) {
        throw Where.of(file, h).error("the function " + h.IDENT().getText()
            + " is defined twice");
      }
    }
    for (KernelCParser.ClauseContext c : tree.clause()) {
      if (c instanceof KernelCParser.MetricContext mc) {
        String text = mc.STRING().getText();
        if (symbols.metrics.put(mc.IDENT().getText(), m.metric(mc.IDENT().getText(),
            text.substring(1, text.length() - 1))) != null) {
          throw Where.of(file, mc).error("the metric " + mc.IDENT().getText()
              + " is declared twice");
        }
      }
    }
    Rcus.declare(file, m, symbols, tree);
    List<Scope> scopes = new ArrayList<>();
    List<KernelCParser.ThreadContext> threads = tree.thread();
    for (int i = 0; i < threads.size(); i++) {
      KernelCParser.ThreadContext tc = threads.get(i);
      String id = tc.IDENT().getText();
      if (id.matches("P[0-9]+") && !id.equals("P" + i)) {
        throw Where.of(file, tc).error("threads are P0, P1, ... in order; this one is "
            + id + ", where P" + i + " was expected");
      }
      int cpu = tc.cpu == null ? i : Scope.literal(Where.of(file, tc), tc.cpu.getText());
      ThreadBuilder t = m.thread(tc.cpu == null ? id : id + "(" + cpu + ")");
      Set<String> params = new LinkedHashSet<>();
      tc.param().forEach(p -> params.add(p.IDENT().getText()));
      Scope scope = new Scope(file, symbols, declarations, t, i, cpu, params);
      Integer callback = symbols.callbackThreads.get(id);
      if (callback != null) {
        t.then(symbols.rcu.gracePeriod(callback));
      }
      new ThreadCompiler(scope).block(tc.block());
      scopes.add(scope);
    }
    Clause clause = new Clauses(file, symbols, scopes).compile(m, tree.clause());
    Model model = m.build();
    return new Result(model, clause, RaceClause.of(file, tree.clause(), model));
  }

  /** M: the largest literal in the file (at least 1), plus one per increment it can make. */
  private int largestValue() {
    int largest = 1;
    int increments = 0;
    List<TerminalNode> literals = new ArrayList<>();
    collect(tree, literals);
    // r = access(tlb, pte) sets r to a frame's number: room for one per X(f) written.
    for (int i = 0; i + 3 < literals.size(); i++) {
      if (literals.get(i + 1).getText().equals("(") && literals.get(i + 3).getText().equals(")")
          && literals.get(i + 2).getSymbol().getType() == KernelCParser.IDENT) {
        largest++;
      }
    }
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
