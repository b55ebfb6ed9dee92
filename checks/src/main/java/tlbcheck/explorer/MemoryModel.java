package tlbcheck.explorer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The memory a search runs its model on (DESIGN.md "Memory models"): sequential consistency,
 * where every store reaches memory as it runs, or x86-TSO (Owens, Sarkar and Sewell, "A Better
 * x86 Memory Model: x86-TSO", TPHOLs 2009; herdtools7 herd/libdir/x86tso.cat), where a CPU's
 * stores wait in its FIFO store buffer and reach memory as steps of their own, or Armv8-A
 * ({@link ArmRules}), where loads may read older writes and stores reach memory out of order.
 */
public enum MemoryModel {
  SC("sc"),
  X86("x86"),
  ARM64("arm64");

  private final String id;

  MemoryModel(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The memory model named {@code id}; an unknown one is an error naming those there are. */
  public static MemoryModel of(String id) {
    for (MemoryModel m : values()) {
      if (m.id.equals(id.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown memory model '" + id + "'; the explorer has: "
        + Arrays.stream(values()).map(MemoryModel::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
