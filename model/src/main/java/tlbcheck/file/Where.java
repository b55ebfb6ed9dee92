package tlbcheck.file;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import tlbcheck.model.ModelError;

/**
 * A place in a model file, {@code file:line:column} as compilers print it, so that an editor
 * jumps to it; every error the front end raises names one.
 */
record Where(String file, int line, int column) {
  static Where of(String file, Token t) {
    return new Where(file, t.getLine(), t.getCharPositionInLine() + 1);
  }

  static Where of(String file, ParserRuleContext c) {
    return of(file, c.getStart());
  }

  /** An error at this place: the model cannot be built. */
  ModelError error(String message) {
    return new ModelError(this + ": " + message);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
