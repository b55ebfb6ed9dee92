package tlbcheck.file;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import tlbcheck.model.Check;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Reader;
import tlbcheck.model.Reg;
import tlbcheck.model.Var;

/**
 * Compiles a file's final clause: which quantifier, and the condition over the registers and
 * variables it names, each resolved to the thread's register or the shared variable, or refused
 * at its place. A {@code locations [...]} clause is accepted and changes nothing: the final
 * states are those of the condition's locations.
 */
final class Clauses {
  private final String file;
  private final Symbols symbols;
  private final List<Scope> threads;
  private final List<String> observed = new ArrayList<>();
  private final List<ToIntFunction<Reader>> readers = new ArrayList<>();
  private final List<Domain> domains = new ArrayList<>();

  Clauses(String file, Symbols symbols, List<Scope> threads) {
    this.file = file;
    this.symbols = symbols;
    this.threads = threads;
  }

  /**
   * Adds the file's properties to {@code m}: each named invariant and final property, and the
   * final clause, which it returns (null if the file has none but named properties).
   */
  Clause compile(ModelBuilder m, List<KernelCParser.ClauseContext> clauses) {
    KernelCParser.ClauseContext last = null;
    List<KernelCParser.NamedContext> named = new ArrayList<>();
    boolean walks = false;
    for (KernelCParser.ClauseContext c : clauses) {
      walks |= c instanceof KernelCParser.FreedWalkContext;
      if (c instanceof KernelCParser.LocationsContext || c instanceof KernelCParser.MetricContext
          || c instanceof KernelCParser.FreedWalkContext
          || c instanceof KernelCParser.RaceContext) {
        continue;
      }
      if (c instanceof KernelCParser.NamedContext n) {
        named.add(n);
        continue;
      }
      if (last != null) {
        throw Where.of(file, c).error("a model file has one final clause; this is a second");
      }
      last = c;
    }
    Clause clause = last == null ? null : finalClause(m, last);
    named.forEach(n -> named(m, n));
    if (last == null) {
      if (!named.isEmpty() || walks) {
        return null;
      }
      throw new Where(file, 1, 1).error("a model file ends with its final clause: exists "
          + "(...), ~exists (...) or forall (...), or names its properties: invariant P1 "
          + "\"text\" (...)");
    }
    return clause;
  }

  private Clause finalClause(ModelBuilder m, KernelCParser.ClauseContext last) {
    Clause.Quantifier q;
    KernelCParser.CondContext cond;
    if (last instanceof KernelCParser.NotExistsContext n) {
      q = Clause.Quantifier.NOT_EXISTS;
      cond = n.cond();
    } else {
      KernelCParser.FinalContext f = (KernelCParser.FinalContext) last;
      q = f.quant.getText().equals("forall") ? Clause.Quantifier.FORALL
          : Clause.Quantifier.EXISTS;
      cond = f.cond();
    }
    Clause.Condition test = condition(cond);
    Clause clause = new Clause(q, Scope.text(cond), observed, readers, test);
    String text = clause.quantifier() == Clause.Quantifier.FORALL
        ? "every final state satisfies " : "no final state satisfies ";
    String condition = "(" + Scope.text(cond) + ")";
    m.finalProperty(clause.quantifier() == Clause.Quantifier.FORALL ? "forall" : "exists",
        text + condition, r -> {
          boolean holds = clause.holds(clause.observe(r));
          boolean bad = clause.quantifier() == Clause.Quantifier.FORALL ? !holds : holds;
          return bad ? "a final state where " + condition + (holds ? " holds" : " does not hold")
              : null;
        });
    return clause;
  }

  /**
   * {@code invariant P1 "text" (cond)}: cond holds in every reachable state; {@code final P2
   * "text" (cond)}: in every state where all threads have finished.
   */
  private void named(ModelBuilder m, KernelCParser.NamedContext n) {
    int first = observed.size();
    Clause.Condition test = condition(n.cond());
    List<ToIntFunction<Reader>> mine = List.copyOf(readers.subList(first, readers.size()));
    List<String> at = List.copyOf(observed.subList(first, observed.size()));
    String id = n.IDENT().getText();
    String text = n.STRING().getText().substring(1, n.STRING().getText().length() - 1);
    String condition = Scope.text(n.cond());
    Check check = r -> {
      int[] values = new int[first + at.size()];
      for (int i = 0; i < at.size(); i++) {
        values[first + i] = mine.get(i).applyAsInt(r);
      }
      return test.test(values) ? null : "a state where " + condition + " does not hold";
    };
    if (n.kind.getText().equals("invariant")) {
      m.invariant(id, text, check);
    } else {
      m.finalProperty(id, text, check);
    }
  }

  private Clause.Condition condition(KernelCParser.CondContext c) {
    if (c instanceof KernelCParser.CondParensContext p) {
      return condition(p.cond());
    }
    if (c instanceof KernelCParser.CondNotContext n) {
      Clause.Condition a = condition(n.cond());
      return v -> !a.test(v);
    }
    if (c instanceof KernelCParser.CondAndContext a) {
      Clause.Condition l = condition(a.cond(0));
      Clause.Condition r = condition(a.cond(1));
      return v -> l.test(v) && r.test(v);
    }
    if (c instanceof KernelCParser.CondOrContext o) {
      Clause.Condition l = condition(o.cond(0));
      Clause.Condition r = condition(o.cond(1));
      return v -> l.test(v) || r.test(v);
    }
    if (c instanceof KernelCParser.CondConstContext k) {
      boolean value = k.getText().equals("true");
      return v -> value;
    }
    KernelCParser.CondAtomContext atom = (KernelCParser.CondAtomContext) c;
    Where at = Where.of(file, atom);
    int slot = slot(atom.target());
    int want = Declarations.valueOf(at, atom.value(), domains.get(slot));
    return v -> v[slot] == want;
  }

  /** CPU {@code index}'s entry of the TLB array {@code id}. */
  private Var entry(Where at, String id, String index) {
    Var[] a = symbols.tlbArray(id);
    if (a == null) {
      throw at.error("'" + id + "' is not a tlb_t array");
    }
    if (a.length == 0) {
      throw at.error("'" + id + "' keeps its entries per page here, since the file maps its "
          + "frames through page tables: name page<p>[cpu] or psc_<entry>[cpu]");
    }
    int i = Scope.literal(at, index);
    if (i >= a.length) {
      throw at.error(id + " has entries 0.." + (a.length - 1) + ", not " + i);
    }
    return a[i];
  }

  /** The index of a location among the observed ones, adding it at its first mention. */
  private int slot(KernelCParser.TargetContext target) {
    String key = Scope.text(target).replace(" ", "");
    int known = observed.indexOf(key);
    if (known >= 0) {
      return known;
    }
    Where at = Where.of(file, target);
    String id = target.IDENT().getText();
    ToIntFunction<Reader> reader;
    Domain domain;
    if (target.proc != null) {
      int t = Scope.literal(at, target.proc.getText());
      if (t >= threads.size()) {
        throw at.error("there is no thread P" + t);
      }
      Reg r = threads.get(t).registerOrNull(id);
      if (r == null) {
        throw at.error("P" + t + " declares no register '" + id + "'");
      }
      reader = rd -> rd.get(r);
      domain = r.domain();
    } else {
      Var v = target.index == null ? symbols.var(id) : entry(at, id, target.index.getText());
      if (v == null) {
        throw at.error("unknown shared variable '" + id + "'");
      }
      reader = rd -> rd.load(v);
      domain = v.domain();
    }
    observed.add(key);
    readers.add(reader);
    domains.add(domain);
    return observed.size() - 1;
  }
}
