package tlbcheck.explorer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.file.ModelFile;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Variant;

/**
 * The independence the partial-order reduction rests on ({@link LocalMoves}, condition C1),
 * checked state by state rather than argued: in every reachable state of the whole graph under
 * arm64, the move the reduction would take alone commutes with every other move enabled there.
 * Taking it before or after the other move, both orders can be taken and reach the same state,
 * once writes no CPU can read are dropped ({@link ArmCollector}: a write reaching memory does
 * not collect, a step does).
 */
class LocalMovesTest {
  @Test
  void everyLocalMoveOfM1CommutesInS1() {
    Protocol m1 = Catalogue.protocol("m1");
    for (Variant v : m1.variants()) {
      assertCommutes(m1.build(v.id(), "s1", Params.DEFAULT));
    }
  }

  @Test
  void everyLocalMoveOfM4UnmapCommutes() {
    Protocol p = Catalogue.protocol("m4-unmap");
    for (Variant v : p.variants()) {
      assertCommutes(p.build(v.id(), "unmap", Params.DEFAULT));
    }
  }

  /**
   * Where loads wait to read (ArmLateReads): a local store or barrier of a CPU whose load waits
   * commutes with that load's reading, which forwards only the writes made before it.
   */
  @Test
  void everyLocalMoveCommutesWhereLoadsReadLate() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/arm64"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".litmus")).sorted().toList()) {
        assertCommutes(ModelFile.read(p).model());
      }
    }
  }

  /** M4's coalescer issues its TLBI while its invalid entry still waits: the case to get right. */
  @Tag("slow")
  @Test
  void everyLocalMoveOfM4Commutes() {
    Protocol m4 = Catalogue.protocol("m4");
    for (String v : List.of("bbm-vmall", "bbm-no-dsb-before-tlbi", "rfc-block-first")) {
      assertCommutes(m4.build(v, "coalesce", Params.DEFAULT));
    }
  }

  private static void assertCommutes(Model m) {
    Semantics sem = new Semantics(m, MemoryModel.ARM64);
    LocalMoves local = new LocalMoves(sem);
    Set<List<Long>> seen = new HashSet<>();
    ArrayDeque<long[]> queue = new ArrayDeque<>();
    queue.add(sem.layout.initial(m));
    seen.add(key(queue.peek()));
    int[] enabled = new int[sem.moves.size()];
    int reduced = 0;
    while (!queue.isEmpty()) {
      long[] s = queue.poll();
      int n = sem.enabledMoves(s, enabled);
      int[] all = Arrays.copyOf(enabled, n);
      int a = local.reduce(s, enabled, n) == 1 && n > 1 ? enabled[0] : -1;
      reduced += a >= 0 ? 1 : 0;
      for (int b : all) {
        long[] bs = take(sem, s, b);
        if (bs == null) {
          continue;
        }
        if (seen.add(key(bs))) {
          queue.add(bs);
        }
        if (a >= 0 && b != a) {
          long[] ab = take(sem, bs, a);
          long[] as = take(sem, s, a);
          long[] ba = as == null ? null : take(sem, as, b);
          if (ab == null || ba == null) {
            fail(m.name() + ": " + what(sem, s, a) + " and " + what(sem, s, b)
                + " do not both stay enabled");
          }
          sem.layout.arm.collect(ab);
          sem.layout.arm.collect(ba);
          if (!Arrays.equals(ab, ba)) {
            fail(m.name() + ": " + what(sem, s, a) + " and " + what(sem, s, b)
                + " reach different states in either order");
          }
        }
      }
    }
    assertTrue(reduced > 0, m.name() + ": no state has a local move");
  }

  /** {@code move} taken from {@code s} on a copy, or null if it cannot be taken there. */
  private static long[] take(Semantics sem, long[] s, int move) {
    long[] next = s.clone();
    try {
      sem.apply(next, sem.threadOf(move), sem.wayOf(move));
      return next;
    } catch (ArmRules.Blocked | IllegalStateException e) {
      return null;
    }
  }

  private static String what(Semantics sem, long[] s, int move) {
    int t = sem.threadOf(move);
    return sem.model.thread(t).name() + "'s " + sem.label(s, t, sem.wayOf(move));
  }

  private static List<Long> key(long[] s) {
    return Arrays.stream(s).boxed().toList();
  }
}
