package tlbcheck.file;

import java.util.Set;
import org.antlr.v4.runtime.Token;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Order;
import tlbcheck.model.ThreadBuilder;

/**
 * The statements of a model file that are the kernel primitives' own steps: spin_lock and
 * spin_unlock, read_lock, read_unlock, write_lock (two steps: the queued rwlock's queueing, which
 * blocks new readers, then the acquire) and write_unlock, rcu_read_lock, rcu_read_unlock, and
 * synchronize_rcu (call_rcu of its own callback slot, then the wait for the grace period), and
 * call_rcu(f), which queues the callback thread f.
 */
final class LockSteps {
  private static final Set<String> NAMES = Set.of("spin_lock", "spin_unlock", "read_lock",
      "read_unlock", "write_lock", "write_unlock", "rcu_read_lock", "rcu_read_unlock",
      "synchronize_rcu", "call_rcu");

  private LockSteps() {
  }

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  static void write(Scope scope, KernelCParser.CallContext call, String label) {
    String name = call.IDENT().getText();
    ThreadBuilder t = scope.thread();
    if (name.equals("call_rcu")) {
      int cb = scope.symbols().callbackThreads.get(call.expr(0).getText());
      t.step(label, Order.RMW_FULL, c -> scope.rcu().call(c, cb));
      return;
    }
    if (name.startsWith("rcu_") || name.equals("synchronize_rcu")) {
      if (!call.expr().isEmpty()) {
        throw scope.where(call).error(name + "() takes no arguments");
      }
      switch (name) {
        case "rcu_read_lock" -> t.then(scope.rcu().readLock(scope.reader()));
        case "rcu_read_unlock" -> t.then(scope.rcu().readUnlock(scope.reader()));
        default -> {
          int cb = scope.callback();
          t.step(label, Order.RMW_FULL, c -> scope.rcu().call(c, cb));
          t.then(scope.rcu().gracePeriod(cb));
        }
      }
      return;
    }
    if (call.expr().size() != 1 || !(call.expr(0) instanceof KernelCParser.NameContext lock)) {
      throw scope.where(call).error(name + " takes the lock: " + name + "(l)");
    }
    Token id = lock.IDENT().getSymbol();
    if (name.startsWith("spin_")) {
      Spinlock l = scope.lock(id);
      t.then(name.equals("spin_lock") ? l.lock(label) : l.unlock(label));
      return;
    }
    RwLock l = scope.rwlock(id);
    switch (name) {
      case "read_lock" -> t.then(l.readLock(label));
      case "read_unlock" -> t.then(l.readUnlock(label));
      case "write_lock" -> t.then(l.writeLock());
      default -> t.then(l.writeUnlock());
    }
  }
}
