package tlbcheck.file;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
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

  Clauses(String file, Symbols symbols, List<Scope> threads) {
    this.file = file;
    this.symbols = symbols;
    this.threads = threads;
  }

  Clause compile(List<KernelCParser.ClauseContext> clauses) {
    KernelCParser.ClauseContext last = null;
    for (KernelCParser.ClauseContext c : clauses) {
      if (c instanceof KernelCParser.LocationsContext) {
        continue;
      }
      if (last != null) {
        throw Where.of(file, c).error("a model file has one final clause; this is a second");
      }
      last = c;
    }
    if (last == null) {
      throw new Where(file, 1, 1).error("a model file ends with its final clause: exists "
          + "(...), ~exists (...) or forall (...)");
    }
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
    Predicate<int[]> test = condition(cond);
    return new Clause(q, Scope.text(cond), observed, readers, test);
  }

  private Predicate<int[]> condition(KernelCParser.CondContext c) {
    if (c instanceof KernelCParser.CondParensContext p) {
      return condition(p.cond());
    }
    if (c instanceof KernelCParser.CondNotContext n) {
      return condition(n.cond()).negate();
    }
    if (c instanceof KernelCParser.CondAndContext a) {
      return condition(a.cond(0)).and(condition(a.cond(1)));
    }
    if (c instanceof KernelCParser.CondOrContext o) {
      return condition(o.cond(0)).or(condition(o.cond(1)));
    }
    if (c instanceof KernelCParser.CondConstContext k) {
      boolean value = k.getText().equals("true");
      return v -> value;
    }
    KernelCParser.CondAtomContext atom = (KernelCParser.CondAtomContext) c;
    Where at = Where.of(file, atom);
    if (atom.value().getText().startsWith("-")) {
      throw at.error("values are 0 or more; " + atom.value().getText() + " is negative");
    }
    int want = Scope.literal(at, atom.value().INT().getText());
    int slot = slot(atom.target());
    return v -> v[slot] == want;
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
    } else {
      Var v = symbols.var(id);
      if (v == null) {
        throw at.error("unknown shared variable '" + id + "'");
      }
      reader = rd -> rd.load(v);
    }
    observed.add(key);
    readers.add(reader);
    return observed.size() - 1;
  }
}
