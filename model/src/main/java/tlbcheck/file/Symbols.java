package tlbcheck.file;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tlbcheck.kernel.Rcu;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Var;

/**
 * A model file's shared names: int variables (atomic_t and refcount_t are ints too), spinlocks,
 * queued rwlocks, the RCU state if a thread uses RCU, and the initial state.
 */
final class Symbols {
  private final Map<String, Var> vars = new LinkedHashMap<>();
  private final Map<String, Spinlock> locks = new LinkedHashMap<>();
  private final Map<String, RwLock> rwlocks = new LinkedHashMap<>();
  final Map<String, Integer> initial = new HashMap<>();
  private final Domain domain;
  /** The RCU state, or null; its readers by thread index, and its next free callback slot. */
  Rcu rcu;
  final Map<Integer, Integer> readers = new HashMap<>();
  int nextCallback;

  Symbols(Domain domain) {
    this.domain = domain;
  }

  /**
   * Declares {@code id} of kind {@code type}: a spinlock, an rwlock that every thread may hold
   * or wait for, or an int over the file's domain from its initial value.
   */
  void declare(ModelBuilder m, String id, String type, int threads) {
    switch (type) {
      case "spinlock_t" -> locks.put(id, Spinlock.declare(m, id));
      case "rwlock_t" -> rwlocks.put(id, RwLock.declare(m, id, threads, threads));
      default -> vars.put(id, m.var(id, domain, initial.getOrDefault(id, 0)));
    }
  }

  Domain domain() {
    return domain;
  }

  boolean isShared(String name) {
    return vars.containsKey(name) || locks.containsKey(name) || rwlocks.containsKey(name);
  }

  Var var(String name) {
    return vars.get(name);
  }

  Spinlock lock(String name) {
    return locks.get(name);
  }

  RwLock rwlock(String name) {
    return rwlocks.get(name);
  }

  int initialRegister(int thread, String reg) {
    return initial.getOrDefault(thread + ":" + reg, 0);
  }
}
