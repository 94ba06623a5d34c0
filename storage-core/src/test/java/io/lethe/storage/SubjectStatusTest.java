package io.lethe.storage;

import static io.lethe.storage.SubjectStatus.ACTIVE;
import static io.lethe.storage.SubjectStatus.ERASED;
import static io.lethe.storage.SubjectStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectStatusTest {

  @Test
  void allowedTransitions_areExactlyTheStateTable() {
    assertThat(allowedFrom(ACTIVE)).containsExactlyInAnyOrder(SUSPENDED, ERASED);
    assertThat(allowedFrom(SUSPENDED)).containsExactlyInAnyOrder(ACTIVE, ERASED);
    assertThat(allowedFrom(ERASED)).isEmpty();
  }

  private static Set<SubjectStatus> allowedFrom(SubjectStatus from) {
    Set<SubjectStatus> out = EnumSet.noneOf(SubjectStatus.class);
    for (SubjectStatus to : SubjectStatus.values()) {
      if (from.canBecome(to)) {
        out.add(to);
      }
    }
    return out;
  }
}
