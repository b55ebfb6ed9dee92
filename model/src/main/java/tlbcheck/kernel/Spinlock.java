package tlbcheck.kernel;

import tlbcheck.model.Access;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Role;
import tlbcheck.model.Step;
import tlbcheck.model.StepKind;
import tlbcheck.model.Var;

/**
 * A spinlock (kvm->mmu_lock before the rwlock conversion): one shared variable, unlocked or
 * locked. {@code spin_lock} is an {@code await} step enabled while the lock is free, and
 * {@code spin_unlock} of a free lock is a model error, as it is a bug in the kernel.
 *
 * <p>The owner is not recorded: a trace shows who locked it by the column the step is in, and
 * one bit keeps the state small.
 */
public final class Spinlock {
  public static final int UNLOCKED = 0;
  public static final int LOCKED = 1;

  private final Var var;

  /** Declares spinlock {@code name} on {@code m}, unlocked. */
  public static Spinlock declare(ModelBuilder m, String name) {
    return new Spinlock(m.var(name, Domain.of("unlocked", "locked"), UNLOCKED, Access.VOLATILE));
  }

  private Spinlock(Var var) {
    this.var = var;
  }

  public Var var() {
    return var;
  }

  public String name() {
    return var.name();
  }

  /** The {@code spin_lock(name)} step. */
  public Step lock() {
    return lock("spin_lock(" + name() + ")");
  }

  /** The acquire under the kernel's own label for it ({@code write_lock(&kvm->mmu_lock)}). */
  public Step lock(String label) {
    return Step.of(label, StepKind.LOCK, c -> c.load(var) == UNLOCKED,
        c -> c.store(var, LOCKED), Role.ACQUIRE, name()).ordered(Order.RMW_ACQUIRE);
  }

  /** The {@code spin_unlock(name)} step. */
  public Step unlock() {
    return unlock("spin_unlock(" + name() + ")");
  }

  /** The release under the kernel's own label for it. */
  public Step unlock(String label) {
    return Step.of(label, StepKind.LOCK, Step.ALWAYS, c -> {
      if (c.load(var) != LOCKED) {
        throw ModelError.inStep("it unlocks " + name() + ", which is not locked");
      }
      c.store(var, UNLOCKED);
    }, Role.RELEASE, name()).ordered(Order.RELEASE);
  }
}
