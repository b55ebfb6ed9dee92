package tlbcheck.catalogue.m2;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Ctx;
import tlbcheck.model.Domain;
import tlbcheck.model.Expectation;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.Reader;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;
import tlbcheck.model.Var;
import tlbcheck.model.Variant;

/**
 * M2, TDP MMU roots loaded and put with mmu_lock held for read (PROTOCOLS.md M2; source S5,
 * "[PATCH 0/8] KVM: x86/mmu: Allow TDP MMU (un)load to run in parallel", Jan 2024, Sean
 * Christopherson).
 *
 * <p>Before S5, kvm_mmu_load() took mmu_lock for write to find or allocate a vCPU's root, so
 * vCPUs loading roots at once (after a memslot deletion invalidated every root) ran one by one.
 * S5 takes mmu_lock for read: a vCPU takes a reference on a valid root with
 * refcount_inc_not_zero, and only if it finds none does it take tdp_mmu_pages_lock and look
 * again before allocating, so that two vCPUs never both allocate a root. That works because a
 * valid root keeps a reference of its own until it is invalidated (patch 5: "the last reference
 * to a root can only be put *after* the root has been invalidated"). P2a-c say the roots stay
 * consistent; the metrics say what S5 buys: how long a vCPU waits for mmu_lock during a load,
 * and how many vCPUs are inside a load at once.
 *
 * <p>Choices this file makes where the catalogue leaves one:
 * <ul>
 *   <li>A root slot is one shared variable holding its state and its refcount, as kvm_mmu_page
 *       holds role.invalid and tdp_mmu_root_count: the catalogue's one-step operations
 *       ("refcount_inc_not_zero on a VALID root", "state = VALID, ref = 2") are then each one
 *       read-modify-write of one variable.</li>
 *   <li>Taking the lowest FREE slot is an allocation: one step that may read every slot and
 *       writes the one it takes (tdp_mmu_alloc_sp: the page allocator is atomic on its own).</li>
 *   <li>What a thread holds is a register ({@code held}), readable by P2b and P2c; a vCPU's
 *       {@code root} register is vcpu->arch.mmu->root.hpa. The memslot thread remembers the
 *       roots it invalidated in a bit mask, {@code owed}.</li>
 *   <li>The memslot thread drops all the references it owes inside one read_lock (write_lock in
 *       {@code write-lock}) section, as kvm_tdp_mmu_zap_invalidated_roots() does.</li>
 *   <li>The notifier puts a root as kvm_tdp_mmu_put_root() does, inside the read_lock it
 *       already holds, freeing the slot under tdp_mmu_pages_lock; in {@code write-lock} too.</li>
 *   <li>Scenario {@code vcpus} (the vCPUs alone, without the memslot thread) is not in the
 *       catalogue's list: it is the "without the memslot thread" the wait metric asks for, the
 *       contention S5 removes.</li>
 * </ul>
 */
public final class MmuLockRoots extends Protocol {
  static final int FREE = 0;
  static final int VALID = 1;
  static final int INVALID = 2;
  private static final String[] STATES = {"FREE", "VALID", "INVALID"};

  private static final List<Variant> VARIANTS = List.of(
      new Variant("write-lock", "before S5: roots loaded and put with mmu_lock held for write"),
      new Variant("read-lock", "S5: mmu_lock for read, refcount_inc_not_zero, re-scan under "
          + "tdp_mmu_pages_lock before allocating"),
      new Variant("read-lock-no-recheck", "read-lock without the re-scan under "
          + "tdp_mmu_pages_lock"),
      new Variant("read-lock-plain-inc", "read-lock with a plain ref++ where "
          + "refcount_inc_not_zero belongs"));

  /**
   * Scenarios {@code load}: the vCPUs and the memslot thread; {@code notifier}: the same and an
   * mmu_notifier unmap; {@code vcpus}: the vCPUs alone.
   */
  public MmuLockRoots() {
    super("m2", "mmu_lock readers and writers: TDP MMU root load and unload (x86; S5)",
        List.of("load", "notifier", "vcpus"), VARIANTS);
  }

  /**
   * N = 2, 3 and 4, at which the wait metric is asked for, with and without the memslot
   * thread; the notifier scenario at N = 2 and 3 only: at N = 4 read-lock has 13,015,608
   * states and read-lock-no-recheck over 50 million, too many for the verification suite.
   */
  @Override
  public List<Params> verifiedParams(String scenario) {
    return scenario.equals("notifier")
        ? List.of(Params.DEFAULT, Params.DEFAULT.withN(3))
        : List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4));
  }

  /**
   * Two races, one per bug of S5: two vCPUs allocating a root at once (read-lock-no-recheck
   * allocates twice), and the memslot thread's teardown of a root against the notifier taking
   * a reference to it (read-lock-plain-inc revives a dying root). vCPU 0 loads the root before
   * the teardown race; vCPU 1 loads one after it.
   */
  @Override
  public List<Race> races() {
    return List.of(
        new Race("alloc", "two vCPUs loading a root under read_lock, then the memslot thread",
            "load", List.of("P2a"), List.of(), List.of("vcpu(0)"), List.of("vcpu(1)"),
            List.of("memslot")),
        new Race("teardown", "the memslot thread invalidating and putting a root against the "
            + "notifier taking a reference", "notifier", List.of("P2b"), List.of("vcpu(0)"),
            List.of("memslot"), List.of("notifier"), List.of("vcpu(1)")));
  }

  @Override
  protected Expectation expectation(String variant, String scenario) {
    switch (variant) {
      case "read-lock-no-recheck":
        return Expectation.violation("P2a", "two vCPUs find no valid root under read_lock "
            + "and each allocates one");
      case "read-lock-plain-inc":
        return scenario.equals("notifier")
            ? Expectation.violation("P2b", "the notifier's ref++ revives an invalid root whose "
                + "last put is in progress; the put frees the slot the notifier holds")
            : Expectation.safe("a valid root always holds the TDP MMU's reference, so a plain "
                + "ref++ on it never starts from 0");
      case "read-lock":
        return Expectation.safe("refcount_inc_not_zero never revives a dying root, and the "
            + "re-scan under tdp_mmu_pages_lock keeps allocation to one vCPU");
      default: // write-lock
        return Expectation.safe("roots are found and allocated with mmu_lock held for write");
    }
  }

  @Override
  protected Model model(String variant, String scenario, Params params) {
    return new Builder(variant, scenario, params).build();
  }

  /** The model of one variant: fields are the shared state, methods the kernel functions. */
  private static final class Builder {
    private final boolean writeLock;
    private final boolean recheck;
    private final boolean plainInc;
    private final int n;
    private final int slots;
    private final int maxRef;
    private final ModelBuilder m;
    private final RwLock mmuLock;
    private final Spinlock pagesLock;
    private final Var[] slot;
    private final List<Reg> held = new ArrayList<>();
    private final List<String> holders = new ArrayList<>();
    private Reg owed;

    Builder(String variant, String scenario, Params params) {
      writeLock = variant.equals("write-lock");
      recheck = !variant.equals("read-lock-no-recheck");
      plainInc = variant.equals("read-lock-plain-inc");
      n = params.n();
      slots = n + 1;
      maxRef = n + 2;
      m = Model.builder("m2", variant, scenario).param("N", n);
      mmuLock = RwLock.declare(m, "mmu_lock", n + 2, n + 1);
      pagesLock = Spinlock.declare(m, "tdp_mmu_pages_lock");
      String[] names = new String[3 * (maxRef + 1)];
      for (int i = 0; i < names.length; i++) {
        names[i] = i / (maxRef + 1) == FREE && i % (maxRef + 1) == 0
            ? "FREE" : STATES[i / (maxRef + 1)] + " ref=" + i % (maxRef + 1);
      }
      slot = m.array("root", slots, Domain.of(names), FREE);

      List<Metric.Span> loads = new ArrayList<>();
      List<Metric.Span> inside = new ArrayList<>();
      List<ThreadBuilder> vcpus = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        vcpus.add(m.thread("vcpu(" + c + ")"));
        writeVcpu(vcpus.get(c), c, loads, inside);
      }
      // The vCPUs differ only in their registers: roots are shared, found by scanning.
      m.symmetric(vcpus, 0, List.of());
      if (!scenario.equals("vcpus")) {
        writeMemslot(m.thread("memslot"));
      }
      if (scenario.equals("notifier")) {
        writeNotifier(m.thread("notifier"));
      }
      m.waitMetric("wait", "worst-case wait of a vCPU's root load, in other threads' steps",
          loads);
      m.peakMetric("parallel", "vCPUs inside a root load at once", inside);
      declareProperties();
    }

    Model build() {
      return m.build();
    }

    private int state(int v) {
      return v / (maxRef + 1);
    }

    private int ref(int v) {
      return v % (maxRef + 1);
    }

    private int slotValue(int state, int ref) {
      return state * (maxRef + 1) + ref;
    }

    private Domain slotOrNone() {
      String[] names = new String[slots + 1];
      names[0] = "NONE";
      for (int r = 0; r < slots; r++) {
        names[r + 1] = "root" + r;
      }
      return Domain.of(names);
    }

    /** kvm_mmu_load() then kvm_mmu_unload() of one vCPU: find or allocate a root, then put it. */
    private void writeVcpu(ThreadBuilder v, int cpu, List<Metric.Span> loads,
        List<Metric.Span> inside) {
      Reg mine = v.reg("held", slotOrNone(), 0);
      Reg root = v.reg("root", slotOrNone(), 0);
      held.add(mine);
      holders.add(v.name());
      Label start = v.label();
      Label locked = v.label();
      Label unlocking = v.label();
      Label loaded = v.label();
      v.place(start);
      if (writeLock) {
        v.then(mmuLock.writeLock());
        v.place(locked);
        Reg found = v.reg("r", slotOrNone(), 0);
        Label take = v.label();
        Label publish = v.label();
        for (int r = 0; r < slots; r++) {
          int s = r;
          v.step("if (root" + r + " is valid)", c -> {
            if (state(c.load(slot[s])) == VALID) {
              c.set(found, s + 1);
              c.jump(take);
            }
          });
        }
        allocate(v, mine, null, publish);
        v.place(take);
        v.step("kvm_tdp_mmu_get_root(r)", c -> {
          int s = c.get(found) - 1;
          int x = c.load(slot[s]);
          c.store(slot[s], x + 1);
          c.set(mine, s + 1);
        });
        v.place(publish);
        v.step("root[" + cpu + "] = r", c -> c.set(root, c.get(mine)));
        v.place(unlocking);
        v.then(mmuLock.writeUnlock());
      } else {
        v.then(mmuLock.readLock());
        v.place(locked);
        Label out = v.label();
        scanForValidRoot(v, mine, root, out);
        v.then(pagesLock.lock());
        Label unlockPages = v.label();
        if (recheck) {
          scanForValidRoot(v, mine, root, unlockPages);
        }
        allocate(v, mine, root, null);
        v.place(unlockPages);
        v.then(pagesLock.unlock());
        v.place(out);
        v.place(unlocking);
        v.then(mmuLock.readUnlock());
      }
      v.place(loaded);
      loads.add(v.span(start, loaded));
      inside.add(v.span(locked, unlocking));
      put(v, mine, root);
    }

    /**
     * One step per slot: take a reference on a valid root and use it, jumping to {@code done};
     * refcount_inc_not_zero, or a plain ref++ in {@code read-lock-plain-inc}.
     */
    private void scanForValidRoot(ThreadBuilder v, Reg mine, Reg root, Label done) {
      for (int r = 0; r < slots; r++) {
        int s = r;
        String get = plainInc ? "root" + r + ".ref++" : "refcount_inc_not_zero(root" + r + ")";
        v.step("if (valid && " + get + ") root = root" + r, c -> {
          int x = c.load(slot[s]);
          if (state(x) == VALID && (plainInc || ref(x) > 0)) {
            c.store(slot[s], x + 1);
            c.set(mine, s + 1);
            c.set(root, s + 1);
            c.jump(done);
          }
        });
      }
    }

    /**
     * tdp_mmu_alloc_sp() for a new root: the lowest FREE slot becomes VALID with ref = 2, and
     * the vCPU holds it; in the read-lock variants it is also the vCPU's root in the same step.
     * The write-lock variant then continues at {@code then}, past the reference taking.
     */
    private void allocate(ThreadBuilder v, Reg mine, Reg root, Label then) {
      v.allocate(root == null ? "r = alloc_root(): valid, ref = 2"
          : "root = alloc_root(): valid, ref = 2", c -> {
        for (int s = 0; s < slots; s++) {
          if (state(c.load(slot[s])) == FREE) {
            c.store(slot[s], slotValue(VALID, 2));
            c.set(mine, s + 1);
            if (root != null) {
              c.set(root, s + 1);
            }
            if (then != null) {
              c.jump(then);
            }
            return;
          }
        }
        throw ModelError.inStep("no root slot is FREE: the model declares N + 1 slots, one more "
            + "than can ever be held at once");
      });
    }

    /** kvm_mmu_unload(): put the vCPU's root (kvm_tdp_mmu_put_root) under the variant's lock. */
    private void put(ThreadBuilder v, Reg mine, Reg root) {
      if (writeLock) {
        v.then(mmuLock.writeLock());
      } else {
        v.then(mmuLock.readLock());
      }
      Reg dying = v.reg("dying", slotOrNone(), 0);
      dropReference(v, "if (refcount_dec_and_test(root)) ...; root = NONE", dying, !writeLock,
          c -> {
            int s = c.get(mine) - 1;
            c.set(mine, 0);
            c.set(root, 0);
            return s;
          });
      if (writeLock) {
        v.then(mmuLock.writeUnlock());
      } else {
        v.then(mmuLock.readUnlock());
      }
    }

    /** Which slot a put drops a reference on (clearing what the thread held), or -1: none. */
    @FunctionalInterface
    private interface Dropped {
      int slot(Ctx c);
    }

    /**
     * refcount_dec_and_test on the slot {@code dropped} names, as one step; if it was the last
     * reference, the slot becomes FREE in a step of its own (list_del_rcu of the root), under
     * tdp_mmu_pages_lock when mmu_lock is held only for read. {@code dying} carries the slot
     * from the one step to the other.
     */
    private void dropReference(ThreadBuilder t, String label, Reg dying, boolean underPagesLock,
        Dropped dropped) {
      Label done = t.label();
      t.step(label, c -> {
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
      t.step("list_del_rcu(root): state = FREE", c -> {
        int s = c.get(dying) - 1;
        c.store(slot[s], slotValue(FREE, ref(c.load(slot[s]))));
        c.set(dying, 0);
      });
      if (underPagesLock) {
        t.then(pagesLock.unlock());
      }
      t.place(done);
    }

    /**
     * kvm_mmu_zap_all_fast() for a memslot deletion: invalidate every valid root with mmu_lock
     * held for write, then drop the TDP MMU's reference of each root it invalidated.
     */
    private void writeMemslot(ThreadBuilder t) {
      owed = t.reg("owed", Domain.range((1 << slots) - 1), 0);
      t.then(mmuLock.writeLock());
      for (int r = 0; r < slots; r++) {
        int s = r;
        t.step("if (root" + r + " valid) root" + r + " = INVALID", c -> {
          int x = c.load(slot[s]);
          if (state(x) == VALID) {
            c.store(slot[s], slotValue(INVALID, ref(x)));
            c.set(owed, c.get(owed) | 1 << s);
          }
        });
      }
      t.then(mmuLock.writeUnlock());
      if (writeLock) {
        t.then(mmuLock.writeLock());
      } else {
        t.then(mmuLock.readLock());
      }
      Reg dying = t.reg("dying", slotOrNone(), 0);
      for (int r = 0; r < slots; r++) {
        int s = r;
        dropReference(t, "if (invalidated root" + r + ") refcount_dec_and_test(root" + r + ")",
            dying, !writeLock, c -> {
              if ((c.get(owed) & 1 << s) == 0) {
                return -1;
              }
              c.set(owed, c.get(owed) & ~(1 << s));
              return s;
            });
      }
      if (writeLock) {
        t.then(mmuLock.writeUnlock());
      } else {
        t.then(mmuLock.readUnlock());
      }
    }

    /**
     * An mmu_notifier unmap: every root that is not FREE, VALID or INVALID, is taken with
     * kvm_tdp_mmu_get_root (a plain ref++ in {@code read-lock-plain-inc}), zapped and put.
     */
    private void writeNotifier(ThreadBuilder t) {
      Reg mine = t.reg("held", slotOrNone(), 0);
      held.add(mine);
      holders.add(t.name());
      Reg dying = t.reg("dying", slotOrNone(), 0);
      t.then(mmuLock.readLock());
      for (int r = 0; r < slots; r++) {
        int s = r;
        Label next = t.label();
        String get = plainInc ? "root" + r + ".ref++" : "kvm_tdp_mmu_get_root(root" + r + ")";
        t.step("if (root" + r + " not FREE && " + get + ")", c -> {
          int x = c.load(slot[s]);
          if (state(x) != FREE && (plainInc || ref(x) > 0)) {
            c.store(slot[s], x + 1);
            c.set(mine, s + 1);
          } else {
            c.jump(next);
          }
        });
        t.step("tdp_mmu_zap_leafs(root" + r + ")", c -> { });
        dropReference(t, "if (refcount_dec_and_test(root" + r + ")) ...", dying, true, c -> {
          int held = c.get(mine) - 1;
          c.set(mine, 0);
          return held;
        });
        t.place(next);
      }
      t.then(mmuLock.readUnlock());
    }

    /** P2a, P2b and P2c, over the slots and what every thread holds. */
    private void declareProperties() {
      m.invariant("P2a", "at most one VALID root", r -> {
        int valid = 0;
        for (Var v : slot) {
          valid += state(r.load(v)) == VALID ? 1 : 0;
        }
        return valid > 1 ? valid + " roots are VALID" : null;
      });
      m.invariant("P2b", "no thread holds a FREE slot", r -> {
        for (int i = 0; i < held.size(); i++) {
          int s = r.get(held.get(i)) - 1;
          if (s >= 0 && state(r.load(slot[s])) == FREE) {
            return holders.get(i) + " holds root" + s + ", which is FREE";
          }
        }
        return null;
      });
      m.invariant("P2c", "ref[r] equals the threads holding r, plus 1 while r is VALID, plus 1 "
          + "while the memslot thread owes r its put", r -> {
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
}
