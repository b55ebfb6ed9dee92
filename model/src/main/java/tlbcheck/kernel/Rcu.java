package tlbcheck.kernel;

import tlbcheck.model.Access;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Reader;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.Var;

/**
 * RCU for models (PROTOCOLS.md M3): read-side critical sections of known reader threads,
 * callbacks queued by call_rcu, and the grace-period rule: a callback runs only after every
 * reader that was inside a read-side critical section when it was queued has left it.
 *
 * <p>The whole RCU state is one shared variable, so that rcu_read_lock, rcu_read_unlock and
 * call_rcu are each one step on one variable: which readers are inside, and for each callback
 * slot whether it is idle, queued (with the readers it still waits for), or started.
 * rcu_read_unlock removes its reader from every queued callback's wait set; that is the grace
 * period as the model sees it, without modelling how the kernel detects it. The grace-period
 * machinery's thread waits for a callback's wait set to empty ({@link #awaitGracePeriod}) and
 * then runs the callback's body as a step of its own.
 *
 * <p>Under a weak memory model each of these steps, and call_rcu (which the model writes with
 * {@link tlbcheck.model.Order#RMW_FULL}), is a fully ordered read-modify-write of that one
 * variable: on x86 it waits for its CPU's store buffer. That stands for RCU's memory-barrier
 * guarantee (Documentation/RCU/Design/Requirements/Requirements.rst, "Memory-Barrier
 * Guarantees": a grace period orders every access of a reader before it ends with every access
 * after it), and is stronger than x86's rcu_read_lock, a preempt_disable with no fence: a
 * reordering across a reader's own boundary is not looked for.
 */
public final class Rcu {
  private static final int IDLE = 0;
  private static final int STARTED = 1;
  /** Queued with wait set {@code mask}: the value {@code QUEUED + mask}. */
  private static final int QUEUED = 2;

  private final Var var;
  private final Encoding enc;

  private Rcu(Var var, Encoding enc) {
    this.var = var;
    this.enc = enc;
  }

  /**
   * How one value of the variable packs the state: the low {@code readers} bits say who is
   * inside, then one digit of base {@code QUEUED + 2^readers} per callback slot.
   */
  private record Encoding(int readers, int callbacks) {
    int slotSize() {
      return QUEUED + (1 << readers);
    }

    int size() {
      int size = 1 << readers;
      for (int i = 0; i < callbacks; i++) {
        size *= slotSize();
      }
      return size;
    }

    int inside(int v) {
      return v & ((1 << readers) - 1);
    }

    int slot(int v, int cb) {
      return v / scale(cb) % slotSize();
    }

    int withSlot(int v, int cb, int value) {
      return v + (value - slot(v, cb)) * scale(cb);
    }

    private int scale(int cb) {
      int scale = 1 << readers;
      for (int i = 0; i < cb; i++) {
        scale *= slotSize();
      }
      return scale;
    }

    String describe(int v) {
      StringBuilder sb = new StringBuilder("inside ").append(members(inside(v)));
      for (int cb = 0; cb < callbacks; cb++) {
        int s = slot(v, cb);
        sb.append(" cb").append(cb).append(':');
        sb.append(s == IDLE ? "idle" : s == STARTED ? "started" : "waits" + members(s - QUEUED));
      }
      return sb.toString();
    }

    private String members(int mask) {
      StringBuilder sb = new StringBuilder("{");
      for (int r = 0; r < readers; r++) {
        if ((mask & (1 << r)) != 0) {
          sb.append(sb.length() > 1 ? "," : "").append(r);
        }
      }
      return sb.append('}').toString();
    }
  }

  /** Declares the RCU state of {@code readers} reader threads and {@code callbacks} slots. */
  public static Rcu declare(ModelBuilder m, String name, int readers, int callbacks) {
    if (readers < 1 || readers > 8 || callbacks < 1 || callbacks > 8) {
      throw new ModelError(m.where() + ": RCU state " + name + " needs 1 to 8 readers and 1 to "
          + "8 callback slots, got " + readers + " and " + callbacks);
    }
    Encoding enc = new Encoding(readers, callbacks);
    String[] names = new String[enc.size()];
    for (int v = 0; v < names.length; v++) {
      names[v] = enc.describe(v);
    }
    return new Rcu(m.var(name, Domain.of(names), 0, Access.VOLATILE), enc);
  }

  public Var var() {
    return var;
  }

  /** Whether reader {@code r} is inside a read-side critical section. */
  public boolean inside(Reader rd, int r) {
    return (enc.inside(rd.load(var)) & (1 << r)) != 0;
  }

  /** Whether callback {@code cb} has been queued and has not started. */
  public boolean queued(Reader rd, int cb) {
    return enc.slot(rd.load(var), cb) >= QUEUED;
  }

  /** Whether callback {@code cb} has started (its grace period is over). */
  public boolean started(Reader rd, int cb) {
    return enc.slot(rd.load(var), cb) == STARTED;
  }

  /** rcu_read_lock() of reader {@code r}. */
  public void readLock(Ctx c, int r) {
    int v = c.load(var);
    if ((enc.inside(v) & (1 << r)) != 0) {
      throw ModelError.inStep("reader " + r + " nests rcu_read_lock(), which this model does not");
    }
    c.store(var, v | (1 << r));
  }

  /** rcu_read_unlock() of reader {@code r}: no queued callback waits for it any more. */
  public void readUnlock(Ctx c, int r) {
    int v = c.load(var);
    if ((enc.inside(v) & (1 << r)) == 0) {
      throw ModelError.inStep("reader " + r + " calls rcu_read_unlock() outside a critical "
          + "section");
    }
    v &= ~(1 << r);
    for (int cb = 0; cb < enc.callbacks(); cb++) {
      int s = enc.slot(v, cb);
      if (s >= QUEUED) {
        v = enc.withSlot(v, cb, QUEUED + ((s - QUEUED) & ~(1 << r)));
      }
    }
    c.store(var, v);
  }

  /** call_rcu() of callback slot {@code cb}: it waits for every reader inside right now. */
  public void call(Ctx c, int cb) {
    int v = c.load(var);
    if (enc.slot(v, cb) != IDLE) {
      throw ModelError.inStep("callback " + cb + " is queued twice");
    }
    c.store(var, enc.withSlot(v, cb, QUEUED + enc.inside(v)));
  }

  /** rcu_read_lock() of reader {@code reader}: the read side the grace periods wait for. */
  public Step readLock(int reader) {
    return Step.of("rcu_read_lock()", StepKind.SOFTWARE, Step.ALWAYS, c -> readLock(c, reader),
        Role.ACQUIRE, var.name()).ordered(Order.RMW_FULL);
  }

  public Step readUnlock(int reader) {
    return Step.of("rcu_read_unlock()", StepKind.SOFTWARE, Step.ALWAYS,
        c -> readUnlock(c, reader), Role.RELEASE, var.name()).ordered(Order.RMW_FULL);
  }

  /**
   * The grace-period machinery's step for callback {@code cb}: enabled once every reader that
   * was inside when call_rcu queued it has left. The callback's body is the next step.
   */
  public Step gracePeriod(int cb) {
    return Step.of("grace period of callback " + cb + " ends", StepKind.SOFTWARE,
        c -> enc.slot(c.load(var), cb) == QUEUED,
        c -> c.store(var, enc.withSlot(c.load(var), cb, STARTED)), Role.GRACE_PERIOD, null)
        .ordered(Order.RMW_FULL);
  }
}
