package tlbcheck.file;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.tree.ParseTree;
import tlbcheck.kernel.Rcu;
import tlbcheck.model.ModelBuilder;

/**
 * RCU in a model file: if a thread calls rcu_read_lock() or synchronize_rcu(), the model gets
 * the kernel's RCU state ({@link Rcu}), with a reader per thread that calls rcu_read_lock() and
 * a callback slot per synchronize_rcu() the threads run (a call in a loop counts once per
 * iteration), which waits for the readers inside when it starts, and one per call_rcu(f): the
 * thread f is the callback, whose first step is the end of the grace period call_rcu started.
 */
final class Rcus {
  private Rcus() {
  }

  static void declare(String file, ModelBuilder m, Symbols symbols,
      KernelCParser.FileContext tree) {
    int callbacks = 0;
    for (int t = 0; t < tree.thread().size(); t++) {
      KernelCParser.BlockContext body = tree.thread(t).block();
      if (calls(body, "rcu_read_lock") > 0) {
        symbols.readers.put(t, symbols.readers.size());
      }
      callbacks += calls(body, "synchronize_rcu");
    }
    for (KernelCParser.ThreadContext t : tree.thread()) {
      callbacksOf(file, t.block(), symbols);
    }
    Set<String> threads = new HashSet<>();
    tree.thread().forEach(t -> threads.add(t.IDENT().getText()));
    for (String callback : symbols.callbackThreads.keySet()) {
      if (!threads.contains(callback)) {
        throw new Where(file, 1, 1).error("call_rcu(" + callback + ") names no thread of the "
            + "file; the callback is a thread: " + callback + "(...) { ... }");
      }
    }
    Map<String, Integer> slots = new LinkedHashMap<>();
    for (String callback : symbols.callbackThreads.keySet()) {
      slots.put(callback, callbacks++);
    }
    symbols.callbackThreads.putAll(slots);
    if (symbols.readers.isEmpty() && callbacks == 0) {
      return;
    }
    if (symbols.readers.size() > 8 || callbacks > 8) {
      throw new Where(file, 1, 1).error("RCU is modelled for at most 8 readers and 8 "
          + "synchronize_rcu() calls; this file has " + symbols.readers.size() + " and "
          + callbacks);
    }
    symbols.rcu = Rcu.declare(m, "rcu", Math.max(1, symbols.readers.size()),
        Math.max(1, callbacks));
  }

  /**
   * The threads that call_rcu(f) names, each the callback f: one call_rcu each, since a
   * callback runs once.
   */
  private static void callbacksOf(String file, ParseTree tree, Symbols symbols) {
    if (tree instanceof KernelCParser.CallContext c && c.IDENT().getText().equals("call_rcu")) {
      if (c.expr().size() != 1 || !(c.expr(0) instanceof KernelCParser.NameContext n)) {
        throw Where.of(file, c).error("call_rcu takes the callback, a thread of the file: "
            + "call_rcu(free_pt)");
      }
      if (symbols.callbackThreads.put(n.getText(), -1) != null) {
        throw Where.of(file, c).error("call_rcu(" + n.getText() + ") is called twice; a "
            + "callback runs once");
      }
      return;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      callbacksOf(file, tree.getChild(i), symbols);
    }
  }

  /** How many times {@code name} is called as a statement in {@code tree}, loops unrolled. */
  private static int calls(ParseTree tree, String name) {
    if (tree instanceof KernelCParser.ForStmtContext f) {
      int times = Math.max(0, Integer.decode(f.to.getText()) - Integer.decode(f.from.getText()));
      return times * calls(f.stmt(), name);
    }
    if (tree instanceof KernelCParser.CallContext c && c.IDENT().getText().equals(name)) {
      return 1;
    }
    int n = 0;
    for (int i = 0; i < tree.getChildCount(); i++) {
      n += calls(tree.getChild(i), name);
    }
    return n;
  }
}
