package tlbcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tlbcheck.explorer.LimitReached;
import tlbcheck.explorer.SearchConfig;
import tlbcheck.file.ModelFile;
import tlbcheck.litmus.Litmus;

/**
 * The warm-up's own litmus test parses and runs: the warm-up swallows its failures, so a change
 * of the grammar that broke the test would otherwise only make litmus runs slower, silently.
 */
class WarmupTest {
  @Test
  void theWarmUpTestRuns() throws LimitReached {
    assertEquals("Observation warm-up Sometimes 1 1", Litmus.run(ModelFile.parse(
        "warm-up.litmus", Warmup.TEST), SearchConfig.defaults()).line());
  }
}
