package tlbcheck.model;

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
 */
public final class Rcu {
  private static final int IDLE = 0;
  private static final int STARTED = 1;
  /** Queued with wait set {@code mask}: the value {@code QUEUED + mask}. */
  private static final int QUEUED = 2;

  private final Var var;
  private final int readers;
  private final int callbacks;
  private final int slotSize;

  private Rcu(Var var, int readers, int callbacks) {
    this.var = var;
    this.readers = readers;
    this.callbacks = callbacks;
    this.slotSize = QUEUED + (1 << readers);
  }

  /** Declares the RCU state of {@code readers} reader threads and {@code callbacks} slots. */
  static Rcu declare(Model.Builder m, String name, int readers, int callbacks) {
    if (readers < 1 || readers > 8 || callbacks < 1 || callbacks > 8) {
      throw new ModelError("an RCU state needs 1 to 8 readers and 1 to 8 callback slots");
    }
    int slotSize = QUEUED + (1 << readers);
    int size = 1 << readers;
    for (int i = 0; i < callbacks; i++) {
      size *= slotSize;
    }
    String[] names = new String[size];
    Rcu rcu = new Rcu(null, readers, callbacks);
    for (int v = 0; v < size; v++) {
      names[v] = rcu.describe(v);
    }
    return new Rcu(m.var(name, Domain.of(names), 0, Access.VOLATILE), readers, callbacks);
  }

  public Var var() {
    return var;
  }

  private int inside(int v) {
    return v & ((1 << readers) - 1);
  }

  private int slot(int v, int cb) {
    int rest = v >>> readers;
    for (int i = 0; i < cb; i++) {
      rest /= slotSize;
    }
    return rest % slotSize;
  }

  private int withSlot(int v, int cb, int value) {
    int scale = 1 << readers;
    for (int i = 0; i < cb; i++) {
      scale *= slotSize;
    }
    return v - slot(v, cb) * scale + value * scale;
  }

  /** Whether reader {@code r} is inside a read-side critical section. */
  public boolean inside(Reader rd, int r) {
    return (inside(rd.load(var)) & (1 << r)) != 0;
  }

  /** Whether callback {@code cb} has been queued and has not started. */
  public boolean queued(Reader rd, int cb) {
    return slot(rd.load(var), cb) >= QUEUED;
  }

  /** Whether callback {@code cb} has started (its grace period is over). */
  public boolean started(Reader rd, int cb) {
    return slot(rd.load(var), cb) == STARTED;
  }

  /** rcu_read_lock() of reader {@code r}. */
  public void readLock(Ctx c, int r) {
    int v = c.load(var);
    if ((inside(v) & (1 << r)) != 0) {
      throw new ModelError("reader " + r + " nests rcu_read_lock(), which this model does not");
    }
    c.store(var, v | (1 << r));
  }

  /** rcu_read_unlock() of reader {@code r}: no queued callback waits for it any more. */
  public void readUnlock(Ctx c, int r) {
    int v = c.load(var);
    if ((inside(v) & (1 << r)) == 0) {
      throw new ModelError("reader " + r + " calls rcu_read_unlock() outside a critical section");
    }
    v &= ~(1 << r);
    for (int cb = 0; cb < callbacks; cb++) {
      int s = slot(v, cb);
      if (s >= QUEUED) {
        v = withSlot(v, cb, QUEUED + ((s - QUEUED) & ~(1 << r)));
      }
    }
    c.store(var, v);
  }

  /** call_rcu() of callback slot {@code cb}: it waits for every reader inside right now. */
  public void call(Ctx c, int cb) {
    int v = c.load(var);
    if (slot(v, cb) != IDLE) {
      throw new ModelError("callback " + cb + " is queued twice");
    }
    c.store(var, withSlot(v, cb, QUEUED + inside(v)));
  }

  /** The grace-period machinery's step for callback {@code cb}: enabled once it has ended. */
  Step awaitGracePeriod(int cb) {
    return new Step("grace period of callback " + cb + " ends", StepKind.SOFTWARE,
        c -> slot(c.load(var), cb) == QUEUED,
        c -> c.store(var, withSlot(c.load(var), cb, STARTED)));
  }

  private String describe(int v) {
    StringBuilder sb = new StringBuilder("inside {");
    String sep = "";
    for (int r = 0; r < readers; r++) {
      if ((inside(v) & (1 << r)) != 0) {
        sb.append(sep).append(r);
        sep = ",";
      }
    }
    sb.append('}');
    for (int cb = 0; cb < callbacks; cb++) {
      int s = slot(v, cb);
      sb.append(" cb").append(cb).append(':');
      if (s == IDLE) {
        sb.append("idle");
      } else if (s == STARTED) {
        sb.append("started");
      } else {
        sb.append("waits{");
        String sep2 = "";
        for (int r = 0; r < readers; r++) {
          if (((s - QUEUED) & (1 << r)) != 0) {
            sb.append(sep2).append(r);
            sep2 = ",";
          }
        }
        sb.append('}');
      }
    }
    return sb.toString();
  }
}
