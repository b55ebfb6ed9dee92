package tlbcheck.explorer;

/**
 * The writes that have not reached memory, whichever memory model keeps them: x86's FIFO store
 * buffers ({@link StoreBuffers}, whose oldest entry alone may leave), arm64's waiting writes
 * ({@link ArmWaiting}, any of which may reach memory that {@link ArmRules} lets), or none under
 * sequential consistency. A thread's commit ways follow its step ways ({@link MoveTable}):
 * commit way {@code drainWay(t) + i} takes entry i. Part of {@link Semantics}.
 */
final class WaitingWrites {
  private final StoreBuffers buffers;
  private final ArmRules arm;
  private final MoveTable moves;

  WaitingWrites(StoreBuffers buffers, ArmRules arm, MoveTable moves) {
    this.buffers = buffers;
    this.arm = arm;
    this.moves = moves;
  }

  /** Whether writes wait at all: under x86 and arm64. */
  boolean exist() {
    return buffers != null || arm != null;
  }

  /** Whether thread t has a write that has not reached memory. */
  boolean pending(long[] s, int t) {
    return buffers != null ? buffers.count(s, t) > 0
        : arm != null && arm.mem.waiting.count(s, t) > 0;
  }

  /** Writes waiting in every thread. */
  int total(long[] s) {
    return buffers != null ? buffers.total(s) : arm != null ? arm.mem.waiting.total(s) : 0;
  }

  /** Whether thread t's commit way {@code way} may be taken now. */
  boolean committable(long[] s, int t, int way) {
    int i = way - moves.drainWay(t);
    return buffers != null ? i == 0 && pending(s, t) : arm.committable(s, t, i);
  }

  /** The label of thread t's commit way {@code way}: {@code x = 1 (reaches memory)}. */
  String label(long[] s, int t, int way) {
    return buffers != null ? buffers.drainLabel(s, t)
        : arm.mem.waiting.commitLabel(s, t, way - moves.drainWay(t));
  }
}
