package tlbcheck.kernel;

import tlbcheck.model.ModelError;

/**
 * The addresses a TLB entry translates, or a range TLBI covers, as pages {@code [start, end)}
 * of the model's own numbering (a page number, not an IPA). A leaf entry for page i is {@code
 * page(i)}; a block entry or a walk cache of a table that maps K pages from page 0 is {@code
 * of(0, K)}. A range TLBI drops an entry exactly when the two ranges overlap (Arm ARM D8.13,
 * "TLB maintenance instructions": an invalidation by address range affects every entry that
 * translates an address in the range), so a misaligned or too-small range is written as the
 * range it is.
 */
public record AddressRange(int start, int end) {
  public AddressRange {
    if (start < 0 || end <= start) {
      throw new ModelError("address range [" + start + ", " + end + ") is empty or negative");
    }
  }

  /** Pages {@code [start, end)}. */
  public static AddressRange of(int start, int end) {
    return new AddressRange(start, end);
  }

  /** Page {@code page} alone. */
  public static AddressRange page(int page) {
    return new AddressRange(page, page + 1);
  }

  /** Whether some page lies in both ranges. */
  public boolean overlaps(AddressRange other) {
    return start < other.end && other.start < end;
  }

  @Override
  public String toString() {
    return end == start + 1 ? "page " + start : "pages " + start + ".." + (end - 1);
  }
}
