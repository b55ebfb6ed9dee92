package tlbcheck.explorer;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Metric;
import tlbcheck.model.Model;
import tlbcheck.result.MetricValue;

/**
 * The listener that computes a model's metrics: it asks the search for the whole state graph,
 * past violations too, since a metric is a maximum over every execution, and when the search is
 * done runs the {@link MetricSweep} over what it stored.
 */
final class Metrics implements SearchListener {
  private final Model model;
  private long[] values;

  Metrics(Model model) {
    this.model = model;
  }

  @Override
  public Coverage coverage() {
    return Coverage.WHOLE_GRAPH;
  }

  @Override
  public void searchDone(StoredGraph graph) throws LimitReached {
    values = MetricSweep.run(graph);
  }

  /** Each metric's value, in the model's order; empty if the search did not finish. */
  List<MetricValue> values() {
    List<MetricValue> list = new ArrayList<>();
    if (values == null) {
      return list;
    }
    for (Metric m : model.metrics()) {
      list.add(new MetricValue(m.id(), m.text(), values[m.index()]));
    }
    return list;
  }
}
