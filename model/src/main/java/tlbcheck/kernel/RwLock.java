package tlbcheck.kernel;

import tlbcheck.model.Access;
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
 * A queued rwlock (kvm->mmu_lock on x86 since it became an rwlock; PROTOCOLS.md M2, S5): readers,
 * a writer, and writers waiting. Fairness as S5 describes it: a waiting writer blocks new
 * readers, and {@code write_lock} is two steps, queueing then taking the lock once the readers
 * and any writer have left.
 *
 * <p>Like the kernel's qrwlock, whose readers count, writer bit and wait state share one atomic
 * word ({@code lock->cnts}), the model keeps the whole lock in one shared variable, so that each
 * lock operation is one step on one variable. A value encodes {@code (readers, writer,
 * waiting)}; traces print it as {@code r=1 w=0 q=1}.
 */
public final class RwLock {
  private final Var var;
  private final int maxReaders;
  private final int maxWaiting;

  private RwLock(Var var, int maxReaders, int maxWaiting) {
    this.var = var;
    this.maxReaders = maxReaders;
    this.maxWaiting = maxWaiting;
  }

  /** Declares the lock's variable in {@code m}: at most these many readers and waiting writers. */
  public static RwLock declare(ModelBuilder m, String name, int maxReaders, int maxWaiting) {
    String[] names = new String[(maxReaders + 1) * 2 * (maxWaiting + 1)];
    for (int r = 0; r <= maxReaders; r++) {
      for (int w = 0; w <= 1; w++) {
        for (int q = 0; q <= maxWaiting; q++) {
          names[encode(r, w, q, maxWaiting)] = "r=" + r + " w=" + w + " q=" + q;
        }
      }
    }
    Var v = m.var(name, Domain.of(names), encode(0, 0, 0, maxWaiting), Access.VOLATILE);
    return new RwLock(v, maxReaders, maxWaiting);
  }

  private static int encode(int readers, int writer, int waiting, int maxWaiting) {
    return (readers * 2 + writer) * (maxWaiting + 1) + waiting;
  }

  private int encode(int readers, int writer, int waiting) {
    return encode(readers, writer, waiting, maxWaiting);
  }

  public Var var() {
    return var;
  }

  public String name() {
    return var.name();
  }

  /** Readers holding the lock in the state {@code r} reads. */
  public int readers(Reader r) {
    return r.load(var) / (maxWaiting + 1) / 2;
  }

  /** Whether a writer holds the lock. */
  public boolean writer(Reader r) {
    return r.load(var) / (maxWaiting + 1) % 2 == 1;
  }

  /** Writers queued, waiting for the lock. */
  public int waiting(Reader r) {
    return r.load(var) % (maxWaiting + 1);
  }

  /** read_lock: enabled while no writer holds the lock and none waits for it. */
  public Step readLock() {
    return readLock("read_lock(" + name() + ")");
  }

  /**
   * read_lock under the kernel's own label for it: the re-acquire of
   * {@code cond_resched_rwlock_read(&kvm->mmu_lock)}, say.
   */
  public Step readLock(String label) {
    return Step.of(label, StepKind.LOCK,
        c -> !writer(c) && waiting(c) == 0,
        c -> {
          if (readers(c) == maxReaders) {
            throw ModelError.inStep("more than " + maxReaders + " readers hold " + name()
                + "; declare the rwlock with more readers");
          }
          c.store(var, encode(readers(c) + 1, 0, waiting(c)));
        }, Role.ACQUIRE, name()).ordered(Order.RMW_ACQUIRE);
  }

  public Step readUnlock() {
    return readUnlock("read_unlock(" + name() + ")");
  }

  /** read_unlock under the kernel's own label for it. */
  public Step readUnlock(String label) {
    return Step.of(label, StepKind.LOCK, Step.ALWAYS, c -> {
      if (readers(c) == 0) {
        throw ModelError.inStep("read_unlock(" + name() + ") without a reader holding it");
      }
      c.store(var, encode(readers(c) - 1, writer(c) ? 1 : 0, waiting(c)));
    }, Role.RELEASE, name()).ordered(Order.RMW_RELEASE);
  }

  /** The first step of write_lock: join the queue, which from now on blocks new readers. */
  private Step writeQueue() {
    return Step.of("write_lock(" + name() + "): queue", StepKind.LOCK, Step.ALWAYS, c -> {
      if (waiting(c) == maxWaiting) {
        throw ModelError.inStep("more than " + maxWaiting + " writers wait for " + name()
            + "; declare the rwlock with more waiting writers");
      }
      c.store(var, encode(readers(c), writer(c) ? 1 : 0, waiting(c) + 1));
    }, Role.ACQUIRE, name()).ordered(Order.RMW_ACQUIRE);
  }

  /** The second step of write_lock: take the lock once no reader and no writer holds it. */
  private Step writeAcquire() {
    return Step.of("write_lock(" + name() + ")", StepKind.LOCK,
        c -> readers(c) == 0 && !writer(c),
        c -> c.store(var, encode(0, 1, waiting(c) - 1)), Role.ACQUIRE, name())
        .ordered(Order.RMW_ACQUIRE);
  }

  /** write_lock: two steps, queueing (which blocks new readers), then taking the lock. */
  public Step[] writeLock() {
    return new Step[] {writeQueue(), writeAcquire()};
  }

  public Step writeUnlock() {
    return Step.of("write_unlock(" + name() + ")", StepKind.LOCK, Step.ALWAYS, c -> {
      if (!writer(c)) {
        throw ModelError.inStep("write_unlock(" + name() + ") without holding it");
      }
      c.store(var, encode(readers(c), 0, waiting(c)));
    }, Role.RELEASE, name()).ordered(Order.RMW_RELEASE);
  }
}
