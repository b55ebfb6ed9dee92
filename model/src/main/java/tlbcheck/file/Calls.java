package tlbcheck.file;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The functions a thread is inside as its compiler inlines them, innermost first, each with its
 * parameters bound: a pointer parameter to the shared variable its argument names, a value
 * parameter to its argument's expression. Only the innermost function's names are visible, as
 * in C; outside every function there are none.
 */
final class Calls {
  private record Frame(String function, Map<String, String> pointers,
      Map<String, Exprs.IntExpr> values) {}

  private final Deque<Frame> frames = new ArrayDeque<>();

  /** Enters {@code function}; one that is already being inlined would recurse forever. */
  void enter(Where at, String function, Map<String, String> pointers,
      Map<String, Exprs.IntExpr> values) {
    for (Frame f : frames) {
      if (f.function().equals(function)) {
        throw at.error(function + " calls itself; a model's functions are inlined, so none "
            + "may recurse");
      }
    }
    frames.push(new Frame(function, Map.copyOf(pointers), Map.copyOf(values)));
  }

  void leave() {
    frames.pop();
  }

  boolean inside() {
    return !frames.isEmpty();
  }

  /** The innermost function's name. */
  String function() {
    return frames.peek().function();
  }

  /** The shared variable {@code name} points at, if it is a pointer parameter here, or null. */
  String pointer(String name) {
    return frames.isEmpty() ? null : frames.peek().pointers().get(name);
  }

  /** The argument {@code name} stands for, if it is a value parameter here, or null. */
  Exprs.IntExpr value(String name) {
    return frames.isEmpty() ? null : frames.peek().values().get(name);
  }
}
