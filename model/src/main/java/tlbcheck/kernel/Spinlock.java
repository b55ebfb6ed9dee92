package tlbcheck.kernel;

import tlbcheck.model.Access;
import tlbcheck.model.Domain;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
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
    return Step.of("spin_lock(" + name() + ")", StepKind.LOCK,
        c -> c.load(var) == UNLOCKED, c -> c.store(var, LOCKED), Role.ACQUIRE, name());
  }

  /** The {@code spin_unlock(name)} step. */
  public Step unlock() {
    return Step.of("spin_unlock(" + name() + ")", StepKind.LOCK, Step.ALWAYS, c -> {
      if (c.load(var) != LOCKED) {
        throw ModelError.inStep("it unlocks " + name() + ", which is not locked");
      }
      c.store(var, UNLOCKED);
    }, Role.RELEASE, name());
  }
}
