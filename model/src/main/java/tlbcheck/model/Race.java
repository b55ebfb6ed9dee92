package tlbcheck.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A protocol's core race, cut to the shape of an engine with two actors (jcstress runs at most
 * as many actors as there are CPUs, and CI has two: TOOLCHAIN.md): in one scenario, the threads
 * of {@code before} run one after another, then the sequences {@code first} and {@code second}
 * run concurrently, each thread of a sequence after the previous one, then the threads of
 * {@code after} run one after another. Every thread of the scenario is in exactly one list.
 *
 * <p>{@link #model} states the same order to the explorer, so it explores exactly the
 * executions the two actors can take: what it proves unreachable there, a real run must never
 * show, and the violation a buggy variant is caught with must be reachable in that order.
 *
 * <p>{@code shows} declares the properties the race can show broken: a variant expected to break
 * one of them in the race's scenario is stress-tested in this race, and the suite checks each
 * declaration against the explorer (a declared property must be reachable in the race's order for
 * every variant expected to break it, and an undeclared one for none).
 *
 * @param id the race's name within its protocol ({@code flag})
 * @param what one line: which threads race over what
 * @param shows the ids of the properties the race can show broken
 */
public record Race(String id, String what, String scenario, List<String> shows,
    List<String> before, List<String> first, List<String> second, List<String> after) {
  public Race {
    shows = List.copyOf(shows);
    before = List.copyOf(before);
    first = List.copyOf(first);
    second = List.copyOf(second);
    after = List.copyOf(after);
    if (first.isEmpty() || second.isEmpty()) {
      throw new ModelError("race " + id + ": both actors need at least one thread");
    }
  }

  /**
   * The model of {@code variant} in this race's scenario at {@code params}, with the race's
   * order as start order. A thread of the scenario left out of the race, or named twice, is a
   * {@link ModelError}.
   */
  public Model model(Protocol protocol, String variant, Params params) {
    Model m = protocol.build(variant, scenario, params);
    List<String> named = new ArrayList<>();
    named.addAll(before);
    named.addAll(first);
    named.addAll(second);
    named.addAll(after);
    List<String> threads = m.threads().stream().map(ThreadDef::name).toList();
    if (named.size() != threads.size() || !named.containsAll(threads)) {
      throw new ModelError("race " + protocol.id() + "/" + id + " places the threads " + named
          + ", but scenario " + scenario + " has the threads " + threads
          + ": each must be placed exactly once");
    }
    Map<String, List<String>> order = new LinkedHashMap<>();
    chain(order, List.of(), before);
    chain(order, before, first);
    chain(order, before, second);
    List<String> racers = new ArrayList<>(first);
    racers.addAll(second);
    chain(order, racers, after);
    return startingAfter(m, order);
  }

  /**
   * {@code m} with more start order: each thread named by a key of {@code after} also waits,
   * before its first step, until every thread in its list has finished. How the two actors'
   * order is described to the explorer, so that it explores exactly the executions they can take.
   */
  private static Model startingAfter(Model m, Map<String, List<String>> after) {
    Map<String, Integer> index = new LinkedHashMap<>();
    m.threads().forEach(t -> index.put(t.name(), t.index()));
    List<ThreadDef> ordered = new ArrayList<>();
    for (ThreadDef t : m.threads()) {
      Set<Integer> order = new LinkedHashSet<>();
      for (int u : t.startsAfter()) {
        order.add(u);
      }
      after.getOrDefault(t.name(), List.of()).forEach(u -> order.add(index.get(u)));
      ordered.add(t.startingAfter(order.stream().mapToInt(Integer::intValue).toArray()));
    }
    return m.withThreads(ordered, m.symmetries());
  }

  /** Each of {@code seq} starts after the previous one; the first after all of {@code prior}. */
  private static void chain(Map<String, List<String>> order, List<String> prior,
      List<String> seq) {
    List<String> previous = prior;
    for (String t : seq) {
      order.put(t, previous);
      previous = List.of(t);
    }
  }

  /** {@code name(from)} .. {@code name(to - 1)}: the threads a race places at a larger N. */
  public static List<String> numbered(String name, int from, int to) {
    List<String> names = new ArrayList<>();
    for (int i = from; i < to; i++) {
      names.add(name + "(" + i + ")");
    }
    return names;
  }

  /** {@code first} followed by {@code rest}. */
  public static List<String> concat(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all;
  }
}
