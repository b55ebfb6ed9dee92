package tlbcheck.engine;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;

/** {@link LincheckAgreement} for every model but m1. */
@Tag("slow")
class LincheckAgreementTest extends LincheckAgreement {
  static List<Arguments> cases() {
    return casesOf(Set.of("m1"), false);
  }
}
