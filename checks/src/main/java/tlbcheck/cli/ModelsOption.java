package tlbcheck.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import tlbcheck.suite.Models;

/**
 * {@code --models PATH}: a user's own models, in jars, class directories or model files
 * ({@code .litmus}), beside the catalogue's; by default the paths in the environment variable
 * {@code TLBCHECK_MODELS}.
 */
final class ModelsOption {
  @Option(names = "--models", paramLabel = "PATH", split = ":",
      defaultValue = "${env:TLBCHECK_MODELS}",
      description = "your own models, ':'-separated: model files (.litmus), or jars or class "
          + "directories that list their Protocol classes in "
          + "META-INF/services/tlbcheck.model.Protocol (default: $TLBCHECK_MODELS)")
  List<Path> paths;

  private Models models;

  /** The catalogue and the models on the paths, loaded once. */
  Models models() {
    if (models == null) {
      models = Models.load(paths == null ? List.of() : paths);
    }
    return models;
  }
}
