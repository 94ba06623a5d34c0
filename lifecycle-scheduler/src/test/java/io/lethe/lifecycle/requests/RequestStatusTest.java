package io.lethe.lifecycle.requests;

import static io.lethe.lifecycle.requests.RequestStatus.DONE;
import static io.lethe.lifecycle.requests.RequestStatus.FAILED;
import static io.lethe.lifecycle.requests.RequestStatus.RECEIVED;
import static io.lethe.lifecycle.requests.RequestStatus.REFUSED;
import static io.lethe.lifecycle.requests.RequestStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestStatusTest {

  private static final Set<Arguments> ALLOWED = Set.of(
      Arguments.of(RECEIVED, RUNNING), Arguments.of(RECEIVED, REFUSED),
      Arguments.of(RECEIVED, FAILED), Arguments.of(RUNNING, DONE), Arguments.of(RUNNING, FAILED));

  static Stream<Arguments> everyPair() {
    return EnumSet.allOf(RequestStatus.class).stream().flatMap(from ->
        EnumSet.allOf(RequestStatus.class).stream().map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void eachPair_isAllowedExactlyWhenTheTableListsIt(RequestStatus from, RequestStatus to) {
    boolean listed = ALLOWED.stream().anyMatch(a -> a.get()[0] == from && a.get()[1] == to);
    assertThat(RequestStatus.allowed(from, to)).isEqualTo(listed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void finalStatuses_areThoseWithoutAWayOut(RequestStatus status) {
    boolean wayOut = EnumSet.allOf(RequestStatus.class).stream()
        .anyMatch(to -> RequestStatus.allowed(status, to));
    assertThat(status.isFinal()).isEqualTo(!wayOut);
  }

  static Stream<RequestStatus> statuses() {
    return Stream.of(RequestStatus.values());
  }
}
