package tlbcheck.engine;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;

/** {@link LincheckAgreement} for m1, whose races take Lincheck the longest to find. */
@Tag("slow")
class LincheckAgreementM1Test extends LincheckAgreement {
  static List<Arguments> cases() {
    return casesOf(Set.of("m1"), true);
  }
}
