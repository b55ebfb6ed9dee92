package tlbcheck.catalogue.m2;

import static tlbcheck.catalogue.m2.MmuLockRoots.FREE;
import static tlbcheck.catalogue.m2.MmuLockRoots.VALID;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Order;
import tlbcheck.model.Reader;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;

/**
 * M2's root slots 0..N: each slot's state (FREE, VALID, INVALID) and refcount packed in one
 * variable, the registers through which threads hold roots, the drop of a reference
 * (refcount_dec_and_test, then list_del_rcu at zero), and the properties P2a, P2b and P2c over
 * them. {@link RootsModel} writes the threads that take and drop the references.
 *
 * <p>Since a slot's state and refcount share one variable, every step that writes a slot is
 * declared a read-modify-write of it: a plain store of the state must not overwrite a refcount
 * change another CPU made meanwhile. Under x86 such a step also waits for its CPU's store
 * buffer, an ordering the kernel's plain store of the state does not have; mmu_lock orders
 * those stores in every variant, so the approximation hides no race the model is about.
 */
final class RootSlots {
  private static final String[] STATES = {"FREE", "VALID", "INVALID"};

  final int slots;
  final Var[] slot;
  private final int maxRef;
  private final Spinlock pagesLock;
  private final List<Reg> held = new ArrayList<>();
  private final List<String> holders = new ArrayList<>();
  private Reg owed;

  RootSlots(ModelBuilder m, int n, Spinlock pagesLock) {
    this.slots = n + 1;
    this.maxRef = n + 2;
    this.pagesLock = pagesLock;
    String[] names = new String[3 * (maxRef + 1)];
    for (int i = 0; i < names.length; i++) {
      names[i] = i / (maxRef + 1) == FREE && i % (maxRef + 1) == 0
          ? "FREE" : STATES[i / (maxRef + 1)] + " ref=" + i % (maxRef + 1);
    }
    slot = m.array("root", slots, Domain.of(names), FREE);
  }

  /** Thread {@code name} holds a root through {@code reg} (the slot + 1, 0 for none). */
  void hold(Reg reg, String name) {
    held.add(reg);
    holders.add(name);
  }

  /** The memslot thread's register of the roots it owes a put, one bit per slot. */
  Reg owe(Reg reg) {
    owed = reg;
    return reg;
  }

  int state(int v) {
    return v / (maxRef + 1);
  }

  int ref(int v) {
    return v % (maxRef + 1);
  }

  int slotValue(int state, int ref) {
    return state * (maxRef + 1) + ref;
  }

  Domain slotOrNone() {
    String[] names = new String[slots + 1];
    names[0] = "NONE";
    for (int r = 0; r < slots; r++) {
      names[r + 1] = "root" + r;
    }
    return Domain.of(names);
  }

  /** Which slot a put drops a reference on (clearing what the thread held), or -1: none. */
  @FunctionalInterface
  interface Dropped {
    int slot(Ctx c);
  }

  /**
   * refcount_dec_and_test on the slot {@code dropped} names, as one step; if it was the last
   * reference, the slot becomes FREE in a step of its own (list_del_rcu of the root), under
   * tdp_mmu_pages_lock when mmu_lock is held only for read. {@code dying} carries the slot
   * from the one step to the other.
   */
  void dropReference(ThreadBuilder t, String label, Reg dying, boolean underPagesLock,
      Dropped dropped) {
    Label done = t.label();
    t.step(label, Order.RMW_FULL, c -> {
      int s = dropped.slot(c);
      if (s < 0) {
        c.jump(done);
        return;
      }
      int x = c.load(slot[s]);
      if (ref(x) == 0) {
        throw ModelError.inStep("root" + s + "'s refcount drops below 0");
      }
      c.store(slot[s], x - 1);
      if (ref(x) == 1) {
        c.set(dying, s + 1);
      } else {
        c.jump(done);
      }
    });
    if (underPagesLock) {
      t.then(pagesLock.lock());
    }
    t.step("list_del_rcu(root): state = FREE", Order.RMW_RELAXED, c -> {
      int s = c.get(dying) - 1;
      c.store(slot[s], slotValue(FREE, ref(c.load(slot[s]))));
      c.set(dying, 0);
    });
    if (underPagesLock) {
      t.then(pagesLock.unlock());
    }
    t.place(done);
  }

  /** P2a, P2b and P2c, over the slots and what every thread holds. */
  void declareProperties(ModelBuilder m) {
    m.invariant("P2a", "at most one VALID root", "two-valid-roots", r -> {
      int valid = 0;
      for (Var v : slot) {
        valid += state(r.load(v)) == VALID ? 1 : 0;
      }
      return valid > 1 ? valid + " roots are VALID" : null;
    });
    m.invariant("P2b", "no thread holds a FREE slot", "freed-root-held", r -> {
      for (int i = 0; i < held.size(); i++) {
        int s = r.get(held.get(i)) - 1;
        if (s >= 0 && state(r.load(slot[s])) == FREE) {
          return holders.get(i) + " holds root" + s + ", which is FREE";
        }
      }
      return null;
    });
    m.invariant("P2c", "ref[r] equals the threads holding r, plus 1 while r is VALID, plus 1 "
        + "while the memslot thread owes r its put", "root-refcount-off", r -> {
          for (int s = 0; s < slots; s++) {
            int expected = holding(r, s) + (state(r.load(slot[s])) == VALID ? 1 : 0)
                + (owed != null && (r.get(owed) & 1 << s) != 0 ? 1 : 0);
            int ref = ref(r.load(slot[s]));
            if (ref != expected) {
              return "root" + s + " has ref = " + ref + " but " + expected + " references are "
                  + "held";
            }
          }
          return null;
        });
  }

  private int holding(Reader r, int s) {
    int count = 0;
    for (Reg h : held) {
      count += r.get(h) == s + 1 ? 1 : 0;
    }
    return count;
  }
}
