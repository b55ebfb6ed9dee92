package tlbcheck.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Metric;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * Per-CPU TLBs with paging-structure (walk) caches (PROTOCOLS.md M3, M4): what a CPU keeps of
 * past walks, and the hardware operations that drop it. A model declares the entries it needs,
 * each an array indexed by CPU whose value 0 means EMPTY: leaf translations ({@link #entries})
 * and cached table pointers ({@link #walkCache}). The walk itself is the model's, written with
 * {@link #walkTable} for its first level, because what a leaf maps differs between models.
 *
 * <p>Invalidations are hardware steps, one per CPU, as the conventions fix for flush_all: other
 * threads may run between two CPUs' invalidations. {@link #flushAll} empties every entry
 * (x86's kvm_flush_remote_tlbs, arm64's TLBI VMALLS12E1IS by VMID); {@link #tlbiRange} drops
 * exactly the entries whose {@link AddressRange} its range overlaps, so an entry declared
 * without one is dropped only by a full flush. Either can count each step, or each call, toward
 * a metric.
 */
public final class Tlb {
  /** The value of an empty entry. */
  public static final int EMPTY = 0;

  private final ModelBuilder model;
  private final int cpus;
  private final List<Entries> all = new ArrayList<>();
  private Metric dropped;
  private boolean tlbiWritten;
  private Var[] watched;

  /** The TLBs and walk caches of {@code cpus} CPUs; declare their entries on it. */
  public static Tlb declare(ModelBuilder model, int cpus) {
    return new Tlb(model, cpus);
  }

  private Tlb(ModelBuilder model, int cpus) {
    this.model = model;
    this.cpus = cpus;
  }

  public int cpus() {
    return cpus;
  }

  /** Which entries a range TLBI reaches (Arm ARM D8.13.1): the leaf's alone, or every level. */
  public enum Scope {
    /** TLBI RIPAS2LE1IS, RVALE1IS: last-level (leaf) entries only. */
    LAST_LEVEL,
    /** TLBI RIPAS2E1IS, RVAE1IS: leaf entries and cached table pointers (walk caches). */
    ALL_LEVELS
  }

  private record Entries(Var[] vars, AddressRange range, boolean leaf) {
    boolean coveredBy(AddressRange tlbi, Scope scope) {
      return range != null && range.overlaps(tlbi) && (leaf || scope == Scope.ALL_LEVELS);
    }
  }

  /**
   * Leaf translations {@code name[c]} per CPU c that no range TLBI reaches; {@code values}
   * names what an entry can hold, the first being EMPTY.
   */
  public Var[] entries(String name, String... values) {
    return declare(name, values, null, true);
  }

  /** Leaf translations of the addresses {@code range}, which a range TLBI over them drops. */
  public Var[] entries(String name, AddressRange range, String... values) {
    return declare(name, values, range, true);
  }

  /**
   * A cached table pointer {@code name[c]} per CPU (the paging-structure cache): EMPTY, or
   * {@code tables[t]} for table t, stored as t + 1. No range TLBI reaches it.
   */
  public Var[] walkCache(String name, String... tables) {
    return declare(name, withEmpty(tables), null, false);
  }

  /**
   * A walk cache of the tables that translate {@code range}: a range TLBI of every level over
   * an address in it drops the cached pointer, a last-level one does not.
   */
  public Var[] walkCache(String name, AddressRange range, String... tables) {
    return declare(name, withEmpty(tables), range, false);
  }

  private static String[] withEmpty(String[] tables) {
    String[] values = new String[tables.length + 1];
    values[0] = "EMPTY";
    System.arraycopy(tables, 0, values, 1, tables.length);
    return values;
  }

  private Var[] declare(String name, String[] values, AddressRange range, boolean leaf) {
    if (values.length < 2 || !values[0].equals("EMPTY")) {
      throw new ModelError(model.where() + ": TLB entry " + name + " needs EMPTY and at least "
          + "one translation");
    }
    if (tlbiWritten) {
      throw new ModelError(model.where() + ": TLB entry " + name + " is declared after a range "
          + "TLBI was written; declare every entry first, so that the TLBI knows what it covers");
    }
    Var[] a = model.array(name, cpus, Domain.of(values), EMPTY, Var.Kind.TLB);
    all.add(new Entries(a, range, leaf));
    return a;
  }

  /**
   * The first level of a walk on CPU {@code cpu}, as the MMU does it: the table the walk cache
   * {@code psc} holds, if any (which is how a freed table can still be walked); else the table
   * entry {@code entry} points at, which the walk then caches. {@code tableOf} maps an entry's
   * value to its table, or -1 where it points at none.
   *
   * @return the table walked, or -1 (a fault)
   */
  public int walkTable(Ctx c, Var[] psc, int cpu, Var entry, IntUnaryOperator tableOf) {
    int cached = c.load(psc[cpu]);
    if (cached != EMPTY) {
      return cached - 1;
    }
    int table = tableOf.applyAsInt(c.walk(entry, psc[cpu]));
    if (table >= 0) {
      c.store(psc[cpu], table + 1);
    }
    return table;
  }

  /**
   * From now on, every invalidation that drops a non-empty entry of {@code entries} counts
   * toward {@code metric}: the collateral damage of a flush wider than it needs to be.
   */
  public void countDropped(Var[] entries, Metric metric) {
    this.watched = entries;
    this.dropped = metric;
  }

  /** Empties every entry of CPU {@code cpu}: one CPU's part of a full flush. */
  public void flush(Ctx c, int cpu) {
    for (Entries a : all) {
      drop(c, a.vars(), cpu);
    }
  }

  private void drop(Ctx c, Var[] entries, int cpu) {
    if (entries == watched && c.load(entries[cpu]) != EMPTY) {
      c.count(dropped);
    }
    c.store(entries[cpu], EMPTY);
  }

  /**
   * flush_all: {@code label(c)} for each CPU c, a hardware step each, emptying every entry.
   * {@code calls}, if not null, counts once for the whole flush_all; {@code steps}, if not
   * null, once per CPU step.
   */
  public void flushAll(ThreadBuilder t, IntFunction<String> label,
      Metric calls, Metric steps) {
    emptyAll(t, label, calls, steps, Role.FLUSH);
  }

  /** TLBI VMALLS12E1IS on arm64: {@link #flushAll}, its steps being TLBI steps. */
  public void tlbiAll(ThreadBuilder t, IntFunction<String> label, Metric calls, Metric steps) {
    emptyAll(t, label, calls, steps, Role.TLBI);
  }

  /** A flush of CPU {@code cpu}'s TLB alone, as one hardware step (a local flush). */
  public void flushLocal(ThreadBuilder t, String label, int cpu) {
    t.then(Step.of(label, StepKind.HARDWARE, Step.ALWAYS, c -> flush(c, cpu), Role.FLUSH, null));
  }

  private void emptyAll(ThreadBuilder t, IntFunction<String> label, Metric calls, Metric steps,
      Role role) {
    for (int cpu = 0; cpu < cpus; cpu++) {
      int target = cpu;
      t.then(Step.of(label.apply(cpu), StepKind.HARDWARE, Step.ALWAYS, c -> {
        count(c, target == 0 ? calls : null, steps);
        flush(c, target);
      }, role, null));
    }
  }

  /**
   * A range TLBI over {@code range} at {@code scope}: {@code label(c)} for each CPU c, a
   * hardware step each, emptying exactly the entries whose range overlaps it and leaving the
   * others. {@code steps}, if not null, counts each step.
   */
  public void tlbiRange(ThreadBuilder t, IntFunction<String> label, AddressRange range,
      Scope scope, Metric steps) {
    tlbiWritten = true;
    List<Var[]> covered = all.stream().filter(a -> a.coveredBy(range, scope))
        .map(Entries::vars).toList();
    for (int cpu = 0; cpu < cpus; cpu++) {
      int target = cpu;
      t.then(Step.of(label.apply(cpu), StepKind.HARDWARE, Step.ALWAYS, c -> {
        count(c, null, steps);
        for (Var[] a : covered) {
          drop(c, a, target);
        }
      }, Role.TLBI, null));
    }
  }

  private static void count(Ctx c, Metric calls, Metric steps) {
    if (calls != null) {
      c.count(calls);
    }
    if (steps != null) {
      c.count(steps);
    }
  }
}
