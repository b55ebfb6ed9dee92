package tlbcheck.stress;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import tlbcheck.catalogue.Catalogue;
import tlbcheck.file.FileProtocol;
import tlbcheck.file.ModelFile;
import tlbcheck.model.Model;
import tlbcheck.model.Params;
import tlbcheck.model.Protocol;
import tlbcheck.model.Race;
import tlbcheck.model.ThreadDef;
import tlbcheck.model.real.Outcome;
import tlbcheck.model.real.RealMemory;

/**
 * One sample of a jcstress test: a model's core {@link Race} run on {@link RealMemory}. The
 * state's constructor runs the threads the race runs before; each of the two actors runs its
 * sequence; the arbiter runs the threads after, checks the final properties, and names the
 * outcome ({@link Outcome}). The thread programs are the model's own; nothing of a protocol is
 * written here.
 *
 * <p>Choice steps (which page a vCPU touches) take a random alternative in each sample, so a
 * run covers every choice plan. A model is built once per test and shared by its samples.
 */
public final class RaceRun {
  private static final Map<String, Setup> SETUPS = new ConcurrentHashMap<>();

  /** A race's model and its threads by phase, as indices. */
  private record Setup(Model model, int[] before, int[] first, int[] second, int[] after,
      int[][] ways) {
    static Setup of(Protocol p, String race, String variant) {
      Race r = p.race(race, Params.DEFAULT);
      Model m = r.model(p, variant, Params.DEFAULT);
      int[][] ways = m.threads().stream().map(ThreadDef::choiceWays).toArray(int[][]::new);
      return new Setup(m, indices(m, r.before()), indices(m, r.first()),
          indices(m, r.second()), indices(m, r.after()), ways);
    }

    private static int[] indices(Model m, List<String> names) {
      return names.stream().mapToInt(n -> m.threads().stream()
          .filter(t -> t.name().equals(n)).findFirst().orElseThrow().index()).toArray();
    }
  }

  private final Setup setup;
  private final RealMemory memory;
  private final int[][] plan;

  /** A fresh sample of {@code protocol}'s race {@code race} in variant {@code variant}. */
  public RaceRun(String protocol, String race, String variant) {
    this(SETUPS.computeIfAbsent(protocol + "/" + race + "/" + variant,
        k -> Setup.of(Catalogue.protocol(protocol), race, variant)));
  }

  /**
   * A fresh sample of the race of the model file the environment variable {@link
   * FileProtocol#STRESS_FILE} names, which the engine sets for the jcstress JVM and its forks.
   */
  public static RaceRun ofFile() {
    String path = System.getenv(FileProtocol.STRESS_FILE);
    if (path == null) {
      throw new IllegalStateException("a model file's jcstress test runs with $"
          + FileProtocol.STRESS_FILE + " naming the file");
    }
    return new RaceRun(SETUPS.computeIfAbsent(path, k -> {
      FileProtocol p = FileProtocol.of(ModelFile.read(Path.of(path)));
      return Setup.of(p, p.races(Params.DEFAULT).get(0).id(), FileProtocol.VARIANT);
    }));
  }

  private RaceRun(Setup setup) {
    this.setup = setup;
    memory = new RealMemory(setup.model);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    plan = new int[setup.ways.length][];
    for (int t = 0; t < plan.length; t++) {
      plan[t] = new int[setup.ways[t].length];
      for (int k = 0; k < plan[t].length; k++) {
        plan[t][k] = random.nextInt(setup.ways[t][k]);
      }
    }
    runAll(setup.before);
  }

  /** The first actor's sequence. */
  public void first() {
    runAll(setup.first);
  }

  /** The second actor's sequence. */
  public void second() {
    runAll(setup.second);
  }

  /** Runs the threads after the race and names how the sample ended. */
  public String outcome() {
    runAll(setup.after);
    memory.checkFinal();
    RealMemory.Violation v = memory.violation();
    return Outcome.of(setup.model, v == null ? null : v.property());
  }

  private void runAll(int[] threads) {
    for (int t : threads) {
      memory.run(t, plan[t]);
    }
  }
}
