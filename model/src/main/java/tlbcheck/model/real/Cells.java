package tlbcheck.model.real;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import tlbcheck.model.Model;
import tlbcheck.model.Reg;
import tlbcheck.model.Var;

/**
 * The cells of one execution on real threads: the shared variables, each read and written with
 * the JVM ordering its {@link tlbcheck.model.Access} names (plain, opaque for READ_ONCE and
 * WRITE_ONCE, acquire/release, volatile), compare-and-set always volatile; and every thread's
 * registers, which only their own thread touches.
 */
final class Cells {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

  private final int[] shared;
  private final int[] registers;

  Cells(Model model) {
    shared = new int[model.vars().size()];
    for (Var v : model.vars()) {
      shared[v.id()] = v.initial();
    }
    registers = new int[model.regs().size()];
    for (Reg r : model.regs()) {
      registers[r.id()] = r.initial();
    }
  }

  int read(Var v) {
    int id = v.id();
    return switch (v.access()) {
      case PLAIN -> (int) INTS.get(shared, id);
      case ONCE -> (int) INTS.getOpaque(shared, id);
      case ACQUIRE_RELEASE -> (int) INTS.getAcquire(shared, id);
      case VOLATILE -> (int) INTS.getVolatile(shared, id);
    };
  }

  void write(Var v, int value) {
    int id = v.id();
    switch (v.access()) {
      case PLAIN -> INTS.set(shared, id, value);
      case ONCE -> INTS.setOpaque(shared, id, value);
      case ACQUIRE_RELEASE -> INTS.setRelease(shared, id, value);
      case VOLATILE -> INTS.setVolatile(shared, id, value);
    }
  }

  boolean cas(Var v, int expect, int update) {
    return INTS.compareAndSet(shared, v.id(), expect, update);
  }

  int get(Reg r) {
    return registers[r.id()];
  }

  void set(Reg r, int value) {
    registers[r.id()] = value;
  }
}
