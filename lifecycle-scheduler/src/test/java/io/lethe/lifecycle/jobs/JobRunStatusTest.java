package io.lethe.lifecycle.jobs;

import static io.lethe.lifecycle.jobs.JobRunStatus.CANCELLED;
import static io.lethe.lifecycle.jobs.JobRunStatus.FAILED;
import static io.lethe.lifecycle.jobs.JobRunStatus.QUEUED;
import static io.lethe.lifecycle.jobs.JobRunStatus.RUNNING;
import static io.lethe.lifecycle.jobs.JobRunStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobRunStatusTest {

  @Test
  void transitions_areExactlyThoseOfTheTable() {
    assertThat(allowedFrom(QUEUED)).containsExactlyInAnyOrder(RUNNING, CANCELLED, FAILED);
    assertThat(allowedFrom(RUNNING)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    assertThat(allowedFrom(SUCCEEDED)).isEmpty();
    assertThat(allowedFrom(FAILED)).isEmpty();
    assertThat(allowedFrom(CANCELLED)).isEmpty();
  }

  @Test
  void finalStatuses_areThoseWithoutAWayOut() {
    for (JobRunStatus s : JobRunStatus.values()) {
      assertThat(s.isFinal()).isEqualTo(allowedFrom(s).isEmpty());
    }
  }

  private static Set<JobRunStatus> allowedFrom(JobRunStatus from) {
    return EnumSet.allOf(JobRunStatus.class).stream().filter(from::canMoveTo)
        .collect(Collectors.toSet());
  }
}
