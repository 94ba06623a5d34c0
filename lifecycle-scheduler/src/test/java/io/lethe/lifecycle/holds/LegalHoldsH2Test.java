package io.lethe.lifecycle.holds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.MutableClock;
import io.lethe.lifecycle.policy.HoldRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegalHoldsH2Test {

  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static LifecycleFixture db;

  @BeforeAll
  static void setUp(@TempDir Path keyDir) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:holds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    db = new LifecycleFixture(h2, keyDir, CLOCK);
  }

  @Test
  void recordHold_andSubjectHold_bothApplyToTheRecord_untilReleased() {
    UUID subject = db.aSubject();
    UUID record = db.aDeviceLogExpiredAt(subject, CLOCK.instant());
    UUID other = db.aDeviceLogExpiredAt(db.aSubject(), CLOCK.instant());
    LegalHold onRecord = place(HoldRequest.onRecord(record, "litigation", "CASE-1", "admin",
        Optional.empty()));
    LegalHold onSubject = place(HoldRequest.onSubject(subject, "investigation", "CASE-2",
        "admin", Optional.of(CLOCK.instant().plus(Duration.ofDays(30)))));

    assertThat(activeFor(record)).extracting(HoldRef::holdId)
        .containsExactlyInAnyOrder(onRecord.id().toString(), onSubject.id().toString());
    assertThat(activeFor(other)).isEmpty();
    assertThat(activeForSubject(subject)).hasSize(2);

    LegalHold released = db.in(c -> db.holds.release(c, onRecord.id(), "admin-2"));
    assertThat(released.releasedBy()).contains("admin-2");
    assertThat(activeFor(record)).extracting(HoldRef::holdId)
        .containsExactly(onSubject.id().toString());
    assertThat(listActive()).extracting(LegalHold::id)
        .contains(onSubject.id()).doesNotContain(onRecord.id());
    assertThat(db.events("hold.place", "success", onRecord.id())).isEqualTo(1);
    assertThat(db.events("hold.release", "success", onRecord.id())).isEqualTo(1);
  }

  @Test
  void aLapsedHold_isIgnored_butStaysOnRecord() {
    UUID record = db.aDeviceLogExpiredAt(db.aSubject(), CLOCK.instant());
    LegalHold hold = place(HoldRequest.onRecord(record, "short", "CASE-3", "admin",
        Optional.of(CLOCK.instant().plus(Duration.ofHours(1)))));
    CLOCK.advance(Duration.ofHours(2));

    assertThat(activeFor(record)).isEmpty();
    assertThat(find(hold.id())).isPresent();
  }

  @Test
  void theHoldsOfManyRecords_areThoseEachRecordHasOnItsOwn() {
    UUID subject = db.aSubject();
    UUID a = db.aDeviceLogExpiredAt(subject, CLOCK.instant());
    UUID b = db.aDeviceLogExpiredAt(subject, CLOCK.instant());
    UUID c = db.aDeviceLogExpiredAt(db.aSubject(), CLOCK.instant());
    UUID free = db.aDeviceLogExpiredAt(db.aSubject(), CLOCK.instant());
    UUID lapsing = db.aDeviceLogExpiredAt(db.aSubject(), CLOCK.instant());
    place(HoldRequest.onSubject(subject, "litigation", "CASE-4", "admin", Optional.empty()));
    place(HoldRequest.onRecord(a, "inquiry", "CASE-5", "admin", Optional.empty()));
    LegalHold released = place(HoldRequest.onRecord(c, "inquiry", "CASE-6", "admin",
        Optional.empty()));
    db.in(conn -> db.holds.release(conn, released.id(), "admin"));
    place(HoldRequest.onRecord(lapsing, "short", "CASE-7", "admin",
        Optional.of(CLOCK.instant().plus(Duration.ofMinutes(1)))));
    CLOCK.advance(Duration.ofMinutes(2));
    List<UUID> all = List.of(a, b, c, free, lapsing, UUID.randomUUID());

    Map<UUID, List<HoldRef>> held = db.in(conn -> db.holds.activeForRecords(conn, all));

    assertThat(held).containsOnlyKeys(a, b);
    for (UUID id : all) {
      assertThat(held.getOrDefault(id, List.of())).as("as activeFor says")
          .isEqualTo(activeFor(id));
    }
    Map<UUID, List<HoldRef>> none = db.in(conn -> db.holds.activeForRecords(conn, List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void invalidRequests_areRefusedWithClearReasons() {
    UUID subject = db.aSubject();
    assertInvalid(() -> new HoldRequest(Optional.of(subject), Optional.of(UUID.randomUUID()),
        "r", "c", "a", Optional.empty()), "exactly one target");
    assertInvalid(() -> new HoldRequest(Optional.empty(), Optional.empty(), "r", "c", "a",
        Optional.empty()), "neither");
    assertInvalid(() -> HoldRequest.onSubject(subject, " ", "c", "a", Optional.empty()),
        "reason is required");
    assertInvalid(() -> HoldRequest.onSubject(subject, "r", null, "a", Optional.empty()),
        "case reference is required");
    assertInvalid(() -> place(HoldRequest.onSubject(subject, "r", "c", "a",
        Optional.of(CLOCK.instant().minusSeconds(1)))), "future");
    assertThatThrownBy(() -> place(HoldRequest.onSubject(UUID.randomUUID(), "r", "c", "a",
        Optional.empty()))).isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.HOLD_TARGET_NOT_FOUND));
  }

  @Test
  void releasingTwice_orAnUnknownHold_fails() {
    LegalHold hold = place(HoldRequest.onSubject(db.aSubject(), "r", "c", "a",
        Optional.empty()));
    db.in(c -> db.holds.release(c, hold.id(), "admin"));
    assertThatThrownBy(() -> db.in(c -> db.holds.release(c, hold.id(), "admin")))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.HOLD_ALREADY_RELEASED));
    assertThatThrownBy(() -> db.in(c -> db.holds.release(c, UUID.randomUUID(), "admin")))
        .isInstanceOfSatisfying(LifecycleException.class,
            e -> assertThat(e.code()).isEqualTo(LifecycleErrorCode.HOLD_NOT_FOUND));
  }

  private static List<HoldRef> activeFor(UUID record) {
    return db.in(c -> db.holds.activeFor(c, record));
  }

  private static List<HoldRef> activeForSubject(UUID subject) {
    return db.in(c -> db.holds.activeForSubject(c, subject));
  }

  private static List<LegalHold> listActive() {
    return db.in(db.holds::listActive);
  }

  private static Optional<LegalHold> find(UUID id) {
    return db.in(c -> db.holds.find(c, id));
  }

  private static LegalHold place(HoldRequest request) {
    return db.in(c -> db.holds.place(c, request));
  }

  private static void assertInvalid(ThrowingCallable call, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LifecycleException.class, e -> {
      assertThat(e.code()).isEqualTo(LifecycleErrorCode.HOLD_INVALID);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }
}
