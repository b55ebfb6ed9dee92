package tlbcheck.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tlbcheck.kernel.Rcu;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.kernel.Tlb;
import tlbcheck.model.Domain;
import tlbcheck.model.Metric;
import tlbcheck.model.Var;

/**
 * A model file's shared names: variables (ints over the file's domain, bools, enums; atomic_t
 * and refcount_t are ints too), spinlocks, queued rwlocks, per-CPU TLB arrays, the RCU state if
 * a thread uses RCU, the page-table pages ({@link PageTables}), the enumerators the file
 * declares, its helper functions, and the initial state.
 */
final class Symbols {
  private final Map<String, Var> vars = new LinkedHashMap<>();
  private final Map<String, Spinlock> locks = new LinkedHashMap<>();
  private final Map<String, RwLock> rwlocks = new LinkedHashMap<>();
  private final Map<String, Var[]> tlbArrays = new LinkedHashMap<>();
  final Map<String, Integer> initial = new HashMap<>();
  /** Each enumerator's value ({@code PRESENT(f)}: 1), and each enum's enumerators. */
  final Map<String, Integer> enumerators = new HashMap<>();
  final Map<String, List<String>> enums = new HashMap<>();
  /** The frames enumerators map ({@code f} of {@code PRESENT(f)}): what a TLB entry holds. */
  final List<String> frames = new ArrayList<>();
  final Map<String, KernelCParser.HelperContext> helpers = new HashMap<>();
  final Map<String, Metric> metrics = new HashMap<>();
  /** The page-table pages, the table entries pointing at them, and their TLB entries. */
  final PageTables pageTables = new PageTables();
  private final Domain domain;
  /** The TLBs, or null; the RCU state, or null; its readers by thread; its next callback. */
  Tlb tlb;
  Rcu rcu;
  final Map<Integer, Integer> readers = new HashMap<>();
  /** The callback threads call_rcu names, with their callback slots. */
  final Map<String, Integer> callbackThreads = new LinkedHashMap<>();
  int nextCallback;

  Symbols(Domain domain) {
    this.domain = domain;
  }

  void addVar(Var v) {
    vars.put(v.name(), v);
  }

  void addLock(String id, Spinlock l) {
    locks.put(id, l);
  }

  void addRwLock(String id, RwLock l) {
    rwlocks.put(id, l);
  }

  void addTlb(String id, Var[] entries) {
    tlbArrays.put(id, entries);
  }

  /** The domain of an int: 0..M. */
  Domain domain() {
    return domain;
  }

  boolean isShared(String name) {
    return vars.containsKey(name) || locks.containsKey(name) || rwlocks.containsKey(name)
        || tlbArrays.containsKey(name) || pageTables.table(name) != null;
  }

  /** The shared variables, in the order they were declared. */
  Iterable<Var> vars() {
    return vars.values();
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

  Var[] tlbArray(String name) {
    return tlbArrays.get(name);
  }

  int initialRegister(int thread, String reg) {
    return initial.getOrDefault(thread + ":" + reg, 0);
  }

  /** The value named {@code name} in {@code d} ({@code FREED}, {@code true}), or -1. */
  static int valueIn(Domain d, String name) {
    for (int v = 0; v < d.size(); v++) {
      if (d.name(v).equals(name)) {
        return v;
      }
    }
    return -1;
  }
}
