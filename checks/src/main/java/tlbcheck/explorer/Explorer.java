package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.result.CheckResult;
import tlbcheck.result.ModelRef;
import tlbcheck.result.Stats;
import tlbcheck.result.Verdict;

/**
 * Checks a {@link Model} (DESIGN.md "The explorer"): one {@link Search} up to the first
 * violation, or over the whole graph when the model has metrics ({@link Metrics} rides on it),
 * and the counterexample rebuilt from it. A violation found before a limit stopped the search
 * for its metrics is still the verdict, without metrics. The verdict, trace, statistics and
 * metrics are the same, byte for byte, for any number of workers.
 *
 * <p>A model error thrown by a step ({@link tlbcheck.model.ModelError}) ends the run and is
 * passed to the caller: it is not a verdict. One run per instance.
 */
public final class Explorer {
  private final Model model;
  private final SearchConfig config;
  private final Progress progress;
  private final List<SearchListener> extra;

  public Explorer(Model model, SearchConfig config, Progress progress) {
    this(model, config, progress, List.of());
  }

  /** An explorer whose search also carries {@code extra}, analyses of this package. */
  Explorer(Model model, SearchConfig config, Progress progress, List<SearchListener> extra) {
    this.model = model;
    this.config = config;
    this.progress = progress;
    this.extra = List.copyOf(extra);
  }

  /** Explores {@code model} with default limits, every reduction, one thread, no progress. */
  public static CheckResult check(Model model) {
    return check(model, SearchConfig.defaults());
  }

  public static CheckResult check(Model model, SearchConfig config) {
    return new Explorer(model, config, Progress.NONE).run();
  }

  public CheckResult run() {
    List<SearchListener> listeners = new ArrayList<>(extra);
    Metrics metrics = model.metrics().isEmpty() ? null : new Metrics(model);
    if (metrics != null) {
      listeners.add(metrics);
    }
    Search search = new Search(model, config, progress, listeners);
    Search.Result r = search.run();
    Verdict verdict = r.found() != null
        ? Counterexample.of(r.found(), search.sem, search.store, search.symmetry(),
            search.main.local != null)
        : r.limit() != null ? new Verdict.Incomplete(r.limit()) : new Verdict.Safe();
    return new CheckResult(ModelRef.of(model, config.memory().id()), verdict, stats(r),
        metrics == null ? List.of() : metrics.values());
  }

  static Stats stats(Search.Result r) {
    return new Stats(r.states(), r.transitions(), r.depth(), r.nanos(), r.bytes());
  }
}
