package io.lethe.lifecycle;

import io.lethe.storage.Expiry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The four columns that date a record, written together by every statement that sets or clears
 * a date ({@code records_policy_version_ck} and {@code records_expiry_from_ck} refuse anything
 * else): the expiry, the policy version that computed it, and the instant and event it counts
 * from. Internal to lifecycle-scheduler; public only because its packages share it.
 */
public final class Dating {

  /** The {@code SET} list; bind it with {@link #bind}. */
  public static final String SET =
      "expires_at = ?, policy_version = ?, expiry_from = ?, expiry_event = ?";

  private Dating() {}

  /**
   * Binds {@link #SET} from {@code first} on, with nulls for an empty expiry (the record waits for
   * its trigger); returns the next parameter index.
   */
  public static int bind(PreparedStatement ps, int first, Optional<Expiry> expiry)
      throws SQLException {
    Jdbc.setInstant(ps, first, expiry.map(Expiry::at).orElse(null));
    ps.setString(first + 1, expiry.map(Expiry::policyVersion).orElse(null));
    Jdbc.setInstant(ps, first + 2, expiry.map(Expiry::from).orElse(null));
    ps.setString(first + 3, expiry.map(Expiry::event).orElse(null));
    return first + 4;
  }
}
