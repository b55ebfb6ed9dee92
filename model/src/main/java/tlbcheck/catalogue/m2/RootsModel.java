package tlbcheck.catalogue.m2;

import static tlbcheck.catalogue.m2.MmuLockRoots.FREE;
import static tlbcheck.catalogue.m2.MmuLockRoots.INVALID;
import static tlbcheck.catalogue.m2.MmuLockRoots.VALID;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.kernel.RwLock;
import tlbcheck.kernel.Spinlock;
import tlbcheck.model.Domain;
import tlbcheck.model.Label;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.model.ModelBuilder;
import tlbcheck.model.Order;
import tlbcheck.model.ModelError;
import tlbcheck.model.Params;
import tlbcheck.model.Reg;
import tlbcheck.model.ThreadBuilder;

/**
 * The model of one variant of {@link MmuLockRoots}: fields are the shared state, methods the
 * kernel functions (kvm_mmu_load and kvm_mmu_unload of each vCPU, kvm_mmu_zap_all_fast of the
 * memslot thread, the mmu_notifier's unmap). The root slots, their references and the properties
 * over them are {@link RootSlots}'.
 */
final class RootsModel {
  private final boolean writeLock;
  private final boolean recheck;
  private final boolean plainInc;
  private final int n;
  private final ModelBuilder m;
  private final RwLock mmuLock;
  private final Spinlock pagesLock;
  private final RootSlots roots;

  RootsModel(M2Variant variant, String scenario, Params params) {
    writeLock = variant.writeLock();
    recheck = variant.recheck();
    plainInc = !variant.incNotZero();
    n = params.n();
    m = Model.builder("m2", variant.variant().id(), scenario).param("N", n);
    mmuLock = RwLock.declare(m, "mmu_lock", n + 2, n + 1);
    pagesLock = Spinlock.declare(m, "tdp_mmu_pages_lock");
    roots = new RootSlots(m, n, pagesLock);

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
    roots.declareProperties(m);
  }

  Model build() {
    return m.build();
  }

  /** kvm_mmu_load() then kvm_mmu_unload() of one vCPU: find or allocate a root, then put it. */
  private void writeVcpu(ThreadBuilder v, int cpu, List<Metric.Span> loads,
      List<Metric.Span> inside) {
    Reg mine = v.reg("held", roots.slotOrNone(), 0);
    Reg root = v.reg("root", roots.slotOrNone(), 0);
    roots.hold(mine, v.name());
    Label start = v.label();
    Label locked = v.label();
    Label unlocking = v.label();
    Label loaded = v.label();
    v.place(start);
    if (writeLock) {
      v.then(mmuLock.writeLock());
      v.place(locked);
      Reg found = v.reg("r", roots.slotOrNone(), 0);
      Label take = v.label();
      Label publish = v.label();
      for (int r = 0; r < roots.slots; r++) {
        int s = r;
        v.step("if (root" + r + " is valid)", c -> {
          if (roots.state(c.load(roots.slot[s])) == VALID) {
            c.set(found, s + 1);
            c.jump(take);
          }
        });
      }
      allocate(v, mine, null, publish);
      v.place(take);
      v.step("kvm_tdp_mmu_get_root(r)", Order.RMW_RELAXED, c -> {
        int s = c.get(found) - 1;
        int x = c.load(roots.slot[s]);
        c.store(roots.slot[s], x + 1);
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
    for (int r = 0; r < roots.slots; r++) {
      int s = r;
      String get = plainInc ? "root" + r + ".ref++" : "refcount_inc_not_zero(root" + r + ")";
      v.step("if (valid && " + get + ") root = root" + r, Order.RMW_RELAXED, c -> {
        int x = c.load(roots.slot[s]);
        if (roots.state(x) == VALID && (plainInc || roots.ref(x) > 0)) {
          c.store(roots.slot[s], x + 1);
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
      for (int s = 0; s < roots.slots; s++) {
        if (roots.state(c.load(roots.slot[s])) == FREE) {
          c.store(roots.slot[s], roots.slotValue(VALID, 2));
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
      throw ModelError.inStep("no root slot is FREE: the model declares N + 1 roots.slots, one more "
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
    Reg dying = v.reg("dying", roots.slotOrNone(), 0);
    roots.dropReference(v, "if (refcount_dec_and_test(root)) ...; root = NONE", dying, !writeLock,
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

  /**
   * kvm_mmu_zap_all_fast() for a memslot deletion: invalidate every valid root with mmu_lock
   * held for write, then drop the TDP MMU's reference of each root it invalidated.
   */
  private void writeMemslot(ThreadBuilder t) {
    Reg owed = roots.owe(t.reg("owed", Domain.range((1 << roots.slots) - 1), 0));
    t.then(mmuLock.writeLock());
    for (int r = 0; r < roots.slots; r++) {
      int s = r;
      t.step("if (root" + r + " valid) root" + r + " = INVALID", Order.RMW_RELAXED, c -> {
        int x = c.load(roots.slot[s]);
        if (roots.state(x) == VALID) {
          c.store(roots.slot[s], roots.slotValue(INVALID, roots.ref(x)));
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
    Reg dying = t.reg("dying", roots.slotOrNone(), 0);
    for (int r = 0; r < roots.slots; r++) {
      int s = r;
      roots.dropReference(t, "if (invalidated root" + r + ") refcount_dec_and_test(root" + r + ")",
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
    Reg mine = t.reg("held", roots.slotOrNone(), 0);
    roots.hold(mine, t.name());
    Reg dying = t.reg("dying", roots.slotOrNone(), 0);
    t.then(mmuLock.readLock());
    for (int r = 0; r < roots.slots; r++) {
      int s = r;
      Label next = t.label();
      String get = plainInc ? "root" + r + ".ref++" : "kvm_tdp_mmu_get_root(root" + r + ")";
      t.step("if (root" + r + " not FREE && " + get + ")", Order.RMW_RELAXED, c -> {
        int x = c.load(roots.slot[s]);
        if (roots.state(x) != FREE && (plainInc || roots.ref(x) > 0)) {
          c.store(roots.slot[s], x + 1);
          c.set(mine, s + 1);
        } else {
          c.jump(next);
        }
      });
      t.step("tdp_mmu_zap_leafs(root" + r + ")", c -> { });
      roots.dropReference(t, "if (refcount_dec_and_test(root" + r + ")) ...", dying, true, c -> {
        int held = c.get(mine) - 1;
        c.set(mine, 0);
        return held;
      });
      t.place(next);
    }
    t.then(mmuLock.readUnlock());
  }
}
