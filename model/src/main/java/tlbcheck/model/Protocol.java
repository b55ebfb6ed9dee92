package tlbcheck.model;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A protocol of the catalogue (PROTOCOLS.md M1 .. M4): its id, variants and scenarios, the
 * verdict each is expected to have, and how to build the concrete {@link Model} for given
 * parameters. A subclass names itself and its variants, each with its expected verdict, in its
 * constructor and writes {@link #model}; the variant and scenario it gets are known ones.
 * Stateless and thread-safe.
 */
public abstract class Protocol {
  private final String id;
  private final String title;
  private final ImmutableList<String> scenarios;
  private final ImmutableList<Variant> variants;

  /** {@code scenarios}: their ids, the first being the default. */
  protected Protocol(String id, String title, List<String> scenarios, List<Variant> variants) {
    this.id = id;
    this.title = title;
    this.scenarios = ImmutableList.copyOf(scenarios);
    this.variants = ImmutableList.copyOf(variants);
  }

  /** The catalogue id: {@code m1}. */
  public final String id() {
    return id;
  }

  public final String title() {
    return title;
  }

  public final List<Variant> variants() {
    return variants;
  }

  /** Scenario ids; the first is the default. */
  public final List<String> scenarios() {
    return scenarios;
  }

  public final String defaultScenario() {
    return scenarios.get(0);
  }

  /**
   * The parameters {@code tlbcheck verify} checks every variant of {@code scenario} at: by
   * default N = 2, 3 and 4 with the other parameters at their defaults.
   */
  public List<Params> verifiedParams(String scenario) {
    return List.of(Params.DEFAULT, Params.DEFAULT.withN(3), Params.DEFAULT.withN(4));
  }

  /**
   * The parameters {@code tlbcheck verify} checks every variant of {@code scenario} at under
   * memory model {@code memory}: {@link #verifiedParams(String)}, but under arm64 N = 2 alone,
   * since a violation at N = 3 takes up to minutes to reach there (bench measures N = 3).
   */
  public List<Params> verifiedParams(String scenario, String memory) {
    return memory.equals("arm64") ? List.of(Params.DEFAULT) : verifiedParams(scenario);
  }

  /**
   * The memory models {@code tlbcheck verify} checks the protocol under (PROTOCOLS.md "Memory
   * models and ordering variants"): {@code sc}, and that of the hardware its code runs on. By
   * default sc alone.
   */
  public List<String> memoryModels() {
    return List.of("sc");
  }

  /**
   * The protocol's core races at {@code params}, in the shape a two-actor engine (jcstress)
   * runs, every thread of the scenario placed at that N: every variant is stress-tested in each.
   * None by default; the catalogue's protocols declare theirs, the first being the race of the
   * protocol's best-known bug.
   */
  public List<Race> races(Params params) {
    return List.of();
  }

  /**
   * The jcstress class that runs {@code race} in {@code variant}, expected {@code expected}:
   * the stress module generates one per race and variant of the catalogue ({@code
   * tlbcheck.stress.m1.Flag_AviV3}), whose outcomes' expectations are the catalogue's.
   */
  public String stressClass(Race race, Variant variant, Expectation expected) {
    return "tlbcheck.stress." + id.replace('-', '_') + "." + camel(race.id()) + "_"
        + camel(variant.id());
  }

  private static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return sb.toString();
  }

  /** The race named {@code id} at {@code params}; an unknown one is a {@link CatalogueError}. */
  public final Race race(String id, Params params) {
    List<Race> races = races(params);
    return races.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new CatalogueError("protocol " + this.id + " has no race '" + id
            + "'; its races are " + races.stream().map(Race::id).toList()));
  }

  /** The expected verdict; an unknown variant or scenario is a {@link CatalogueError}. */
  public final Expectation expected(String variant, String scenario) {
    return variant(variant).expected(scenario(scenario));
  }

  /** The expected verdict under memory model {@code memory} ({@code sc}, {@code arm64}). */
  public final Expectation expected(String variant, String scenario, String memory) {
    return variant(variant).expected(scenario(scenario), memory);
  }

  /** The scenarios {@code variant} is expected to be safe in, in catalogue order. */
  public final List<String> safeScenarios(String variant) {
    return safeScenarios(variant, "sc");
  }

  /** The scenarios {@code variant} is expected to be safe in under {@code memory}. */
  public final List<String> safeScenarios(String variant, String memory) {
    Variant v = variant(variant);
    return scenarios.stream().filter(s -> v.expected(s, memory).safe()).toList();
  }

  /** Builds the model; an unknown variant or scenario is a {@link CatalogueError}. */
  public final Model build(String variant, String scenario, Params params) {
    check(variant, scenario);
    return model(variant, scenario, params);
  }

  private void check(String variant, String scenario) {
    variant(variant);
    scenario(scenario);
  }

  /** The variant named {@code id}; an unknown one is a {@link CatalogueError} naming them. */
  public final Variant variant(String id) {
    for (Variant v : variants) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new CatalogueError("unknown variant '" + id + "' of model " + this.id + "; variants: "
        + variants.stream().map(Variant::id).collect(Collectors.joining(", ")));
  }

  /** The scenario named {@code id}; an unknown one is a {@link CatalogueError}. */
  public final String scenario(String id) {
    if (scenarios.contains(id)) {
      return id;
    }
    throw new CatalogueError("unknown scenario '" + id + "' of model " + this.id
        + "; scenarios: " + String.join(", ", scenarios));
  }

  /** The model of a known variant in a known scenario. */
  protected abstract Model model(String variant, String scenario, Params params);

  /**
   * The code object of variant {@code id} among {@code codes}, where a protocol writes each
   * variant as an object that carries its {@link Variant} ({@code M1Variant.ALL}); the id is a
   * known one, as {@link #model} gets it.
   */
  protected static <T> T codeOf(List<T> codes, Function<T, Variant> variant, String id) {
    return codes.stream().filter(c -> variant.apply(c).id().equals(id)).findFirst()
        .orElseThrow(() -> new CatalogueError("no code for variant '" + id + "'"));
  }
}
