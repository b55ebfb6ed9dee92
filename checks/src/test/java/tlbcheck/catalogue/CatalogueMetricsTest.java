package tlbcheck.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tlbcheck.explorer.Explorer;
import tlbcheck.model.Params;
import tlbcheck.result.MetricValue;

/**
 * Every metric of the catalogue as an exact number, at the default parameters (N = 2, K = 2,
 * A = 2, P = 1, I = 1) unless a row says otherwise: what each optimisation saves, pinned. The numbers
 * are maxima over all executions, so a change to a model's steps that changes one shows here.
 */
class CatalogueMetricsTest {
  /**
   * Rows: model, variant, scenario, N, P, I, and the metrics as {@code tlbcheck verify} prints
   * them. What they show: M1's eager makes one remote flush on invlpg's behalf per invalidated
   * page (I) where the safe deferred variants leave one pending flush to the notifier; M2's vCPUs alone wait 8 steps for mmu_lock under write-lock against
   * 5 under read-lock (at N = 2: vCPU 1's six load steps under write_lock, then the two of its
   * put that follow it taking the lock again first), and run one load at a time against N; M3's flush-per-removal pays P
   * flushes where the batched variants pay one; M4's block-first RFC halves the invalid window
   * of break-before-make, and the range TLBI keeps the entries outside the block
   * (collateral 0); M4-unmap's deferred TLBI takes N steps instead of K x N.
   */
  @ParameterizedTest(name = "{0} {1} {2} N={3} P={4} I={5}")
  @CsvSource(delimiter = '|', textBlock = """
      m1 | eager                | race     | 2 | 1 | 1 | remote-flushes = 1
      m1 | avi-v3               | race     | 2 | 1 | 1 | remote-flushes = 1
      m1 | tlbs-dirty-cmpxchg   | s1       | 2 | 1 | 1 | remote-flushes = 1
      m1 | eager                | race     | 2 | 1 | 2 | remote-flushes = 2
      m1 | eager                | race     | 3 | 1 | 2 | remote-flushes = 2
      m1 | eager                | s1       | 2 | 1 | 2 | remote-flushes = 2
      m1 | tlbs-dirty-cmpxchg   | race     | 2 | 1 | 2 | remote-flushes = 1
      m1 | tlbs-dirty-cmpxchg   | s1       | 3 | 1 | 2 | remote-flushes = 1
      m1 | under-mmu-lock       | race     | 2 | 1 | 2 | remote-flushes = 1
      m1 | andrea-v4            | s1       | 2 | 1 | 2 | remote-flushes = 1
      m2 | write-lock           | load     | 2 | 1 | 1 | wait = 20, parallel = 1
      m2 | write-lock           | vcpus    | 2 | 1 | 1 | wait = 8, parallel = 1
      m2 | write-lock           | vcpus    | 3 | 1 | 1 | wait = 18, parallel = 1
      m2 | write-lock           | vcpus    | 4 | 1 | 1 | wait = 27, parallel = 1
      m2 | read-lock            | load     | 2 | 1 | 1 | wait = 20, parallel = 2
      m2 | read-lock            | vcpus    | 2 | 1 | 1 | wait = 5, parallel = 2
      m2 | read-lock            | vcpus    | 3 | 1 | 1 | wait = 17, parallel = 3
      m2 | read-lock            | vcpus    | 4 | 1 | 1 | wait = 31, parallel = 4
      m2 | read-lock            | notifier | 2 | 1 | 1 | wait = 26, parallel = 2
      m2 | read-lock-no-recheck | vcpus    | 2 | 1 | 1 | wait = 2, parallel = 2
      m3 | flush-per-removal    | zap      | 2 | 1 | 1 | flushes = 1
      m3 | flush-per-removal    | zap      | 2 | 2 | 1 | flushes = 2
      m3 | batched              | zap      | 2 | 2 | 1 | flushes = 1
      m3 | flush-before-unlock  | zap      | 2 | 2 | 1 | flushes = 1
      m3 | unlock-before-flush  | zap      | 2 | 2 | 1 | flushes = 1
      m3 | no-flush             | zap      | 2 | 2 | 1 | flushes = 0
      m4 | bbm-vmall            | coalesce | 2 | 1 | 1 | window = 17, faults = 4, collateral = 2, tlbi = 2
      m4 | rfc-block-first      | coalesce | 2 | 1 | 1 | window = 11, faults = 4, collateral = 2, tlbi = 2
      m4 | bbm-range            | coalesce | 2 | 1 | 1 | window = 17, faults = 4, collateral = 0, tlbi = 2
      m4 | no-bbm               | coalesce | 2 | 1 | 1 | window = 0, faults = 2, collateral = 0, tlbi = 0
      m4-unmap | tlbi-per-page  | unmap    | 2 | 1 | 1 | faults = 4, tlbi = 4
      m4-unmap | deferred-range | unmap    | 2 | 1 | 1 | faults = 4, tlbi = 2
      m4-unmap | deferred-range | unmap    | 3 | 1 | 1 | faults = 6, tlbi = 3
      """)
  void metricIsExact(String model, String variant, String scenario, int n, int p, int i,
      String metrics) {
    Params params = Params.DEFAULT.withN(n).withP(p).withI(i);
    var r = Explorer.check(Catalogue.protocol(model).build(variant, scenario, params));
    assertEquals(metrics,
        r.metrics().stream().map(MetricValue::brief).collect(Collectors.joining(", ")));
  }
}
