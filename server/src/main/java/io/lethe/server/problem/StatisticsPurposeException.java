package io.lethe.server.problem;

/**
 * Purpose {@code statistics} named on an endpoint that serves personal data. Statistics are
 * counted over anonymized records only ({@code GET /v1/statistics}); letting the purpose read a
 * subject's fields, even masked, would make "statistics" a way round that.
 */
public final class StatisticsPurposeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String PURPOSE = "statistics";

  public StatisticsPurposeException() {
    super("Purpose 'statistics' reads anonymized records only, through GET /v1/statistics;"
        + " it cannot be used to read, find or change personal data. Name the purpose the data"
        + " is processed for.");
  }

  /** @throws StatisticsPurposeException if {@code purpose} is {@value #PURPOSE} */
  public static void refuseOnPersonalData(String purpose) {
    if (PURPOSE.equals(purpose)) {
      throw new StatisticsPurposeException();
    }
  }
}
