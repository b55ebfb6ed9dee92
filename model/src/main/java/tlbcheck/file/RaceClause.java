package tlbcheck.file;

import java.util.ArrayList;
import java.util.List;
import tlbcheck.model.Model;
import tlbcheck.model.Property;
import tlbcheck.model.Race;
import tlbcheck.model.ThreadDef;

/**
 * A model file's core race for jcstress, which runs two actors (CI has two CPUs: TOOLCHAIN.md):
 * {@code race unmap "the unmapper against vCPU 0" (unmapper) || (vcpu(0)) then (vcpu(1))}, with
 * an optional {@code (...) then} in front for the threads that run before. A file of two
 * threads that declares none races them against each other, as a litmus test means. The race
 * can show every property of the file broken.
 */
final class RaceClause {
  /** The race a file of two threads runs when it declares none. */
  static final String DEFAULT = "threads";

  private RaceClause() {
  }

  /** The file's race, or null if it declares none and has other than two threads. */
  static Race of(String file, List<KernelCParser.ClauseContext> clauses, Model m) {
    List<String> threads = m.threads().stream().map(ThreadDef::name).toList();
    List<String> shows = m.properties().stream().map(Property::id).toList();
    KernelCParser.RaceContext declared = null;
    for (KernelCParser.ClauseContext c : clauses) {
      if (c instanceof KernelCParser.RaceContext r) {
        if (declared != null) {
          throw Where.of(file, r).error("a model file declares one race; this is a second");
        }
        declared = r;
      }
    }
    if (declared == null) {
      return threads.size() != 2 ? null : new Race(DEFAULT, threads.get(0) + " against "
          + threads.get(1), "race", shows, List.of(), threads.subList(0, 1),
          threads.subList(1, 2), List.of());
    }
    List<String> placed = new ArrayList<>();
    List<String> before = names(file, declared.before, threads, placed);
    List<String> first = names(file, declared.first, threads, placed);
    List<String> second = names(file, declared.second, threads, placed);
    List<String> after = names(file, declared.after, threads, placed);
    if (placed.size() != threads.size()) {
      List<String> left = new ArrayList<>(threads);
      left.removeAll(placed);
      throw Where.of(file, declared).error("the race places every thread once; it leaves out "
          + left);
    }
    String what = declared.STRING().getText();
    return new Race(declared.IDENT().getText(), what.substring(1, what.length() - 1), "race",
        shows, before, first, second, after);
  }

  private static List<String> names(String file, KernelCParser.ThreadsContext list,
      List<String> threads, List<String> placed) {
    List<String> names = new ArrayList<>();
    if (list == null) {
      return names;
    }
    for (KernelCParser.ThreadRefContext t : list.threadRef()) {
      String name = t.getText();
      if (!threads.contains(name)) {
        throw Where.of(file, t).error("the race names '" + name + "', which is no thread of "
            + "the file; its threads are " + threads);
      }
      if (placed.contains(name)) {
        throw Where.of(file, t).error("the race names '" + name + "' twice");
      }
      placed.add(name);
      names.add(name);
    }
    return names;
  }
}
