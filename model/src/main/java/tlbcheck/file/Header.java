package tlbcheck.file;

/**
 * The part of a litmus file before its C code: the line {@code C NAME} and an optional
 * {@code (* comment *)}, where the kernel's litmus tests state their expected result ({@code
 * Result: Never}). A name such as {@code 2+2W+mb+mb.ok} is not a C token, so this is read
 * by hand; the body handed to the parser keeps every line and column where it was, with the
 * header blanked out.
 */
record Header(String name, String comment, String body) {
  static Header of(String file, String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int eol = text.indexOf('\n', start);
    String first = (eol < 0 ? text.substring(start) : text.substring(start, eol)).trim();
    if (!first.startsWith("C ") && !first.startsWith("C\t")) {
      int line = (int) text.substring(0, start).chars().filter(ch -> ch == '\n').count() + 1;
      throw new Where(file, line, 1).error("a model file starts with the line 'C NAME', "
          + "the name of the test");
    }
    String name = first.substring(2).trim();
    int end = eol < 0 ? text.length() : eol;
    int rest = end;
    while (rest < text.length() && Character.isWhitespace(text.charAt(rest))) {
      rest++;
    }
    String comment = "";
    if (text.startsWith("(*", rest)) {
      int close = text.indexOf("*)", rest + 2);
      if (close < 0) {
        int line = (int) text.substring(0, rest).chars().filter(ch -> ch == '\n').count() + 1;
        throw new Where(file, line, 1).error("the comment '(*' is never closed with '*)'");
      }
      comment = text.substring(rest + 2, close);
      end = close + 2;
    }
    return new Header(name, comment, blank(text, end));
  }

  /** {@code text} with its first {@code end} characters blanked, line breaks kept. */
  private static String blank(String text, int end) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      sb.append(i < end && ch != '\n' ? ' ' : ch);
    }
    return sb.toString();
  }
}
