package tlbcheck.cli;

import picocli.CommandLine.Option;
import tlbcheck.model.Params;

/** The parameter options every command that builds models shares. */
final class ModelOptions {
  @Option(names = "-N", paramLabel = "n", description = "vCPUs (default ${DEFAULT-VALUE})",
      defaultValue = "2")
  int n;

  @Option(names = "-K", paramLabel = "k",
      description = "pages per table (default ${DEFAULT-VALUE})",
      defaultValue = "2")
  int k;

  @Option(names = "-A", paramLabel = "a",
      description = "guest accesses per vCPU (default ${DEFAULT-VALUE})", defaultValue = "2")
  int a;

  @Option(names = "-P", paramLabel = "p",
      description = "page tables removed by one zap, M3 (default ${DEFAULT-VALUE})",
      defaultValue = "1")
  int p;

  @Option(names = "-I", paramLabel = "i",
      description = "pages invalidated by invlpg, M1 (default ${DEFAULT-VALUE})",
      defaultValue = "1")
  int i;

  Params params() {
    return new Params(n, k, a, p, i);
  }
}
