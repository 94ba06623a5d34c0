package io.lethe.lifecycle.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.lifecycle.MutableClock;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRunner;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The promise end to end: a closed account's records are deleted by the retention sweep once
 * the policy's 30 days have passed, a reopened one's are kept, and a held one waits.
 */
abstract class ClosureSweepContract extends RetentionTriggersContract {

  @Test
  void thirtyOneDaysAfterClosing_theSweepDeletesTheAccount_butNotAReopenedOne() {
    UUID closed = db.aSubject();
    UUID closedAccount = anAccount(closed);
    UUID reopened = db.aSubject();
    UUID reopenedAccount = anAccount(reopened);
    UUID openStudy = aStudySession(closed);
    db.in(c -> triggers.close(c, closed, at));
    db.in(c -> triggers.close(c, reopened, at));
    db.in(c -> triggers.reopen(c, reopened));
    MutableClock clock = new MutableClock(at);
    JobRunner runner = new JobRunner(db.dataSource, db.audit, clock, 10);

    clock.advance(Duration.ofDays(29));
    JobRun early = runner.run(f.sweep, false);

    assertThat(early.counts().deleted()).isZero();
    assertThat(db.state(closedAccount)).isEqualTo("ACTIVE");

    clock.advance(Duration.ofDays(2));
    JobRun due = runner.run(f.sweep, false);

    assertThat(due.status()).isEqualTo(JobRunStatus.SUCCEEDED);
    assertThat(due.counts().deleted()).isOne();
    assertThat(db.state(closedAccount)).isEqualTo("DELETED");
    assertThat(db.fieldsOf(closedAccount)).isZero();
    assertThat(db.events("record.delete", "success", closedAccount)).isOne();
    assertThat(db.state(reopenedAccount)).isEqualTo("ACTIVE");
    // Its purpose was never declared fulfilled: the study session waits for that.
    assertThat(db.state(openStudy)).isEqualTo("ACTIVE");
  }
}
