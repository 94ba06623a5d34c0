package io.lethe.storage.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * {@code IN (?, ?, ...)} lists of ids for statements that act on many rows at once. Plain
 * placeholders rather than one array parameter: the same SQL and the same {@code setObject} of
 * a {@link UUID} work on both drivers, with no driver-specific array type, and both databases
 * answer the list through the index (PostgreSQL plans it as {@code = ANY(...)}). For the
 * statements of storage-core and of the libraries that work on its tables (the lifecycle
 * jobs' hold checks), not an API for applications.
 */
public final class IdLists {

  /**
   * Ids per statement: far under PostgreSQL's 65,535 parameters per statement, and the
   * batch size lifecycle jobs use by default fits in one.
   */
  public static final int CHUNK = 1000;

  private IdLists() {}

  /** The distinct ids, in their first order, in lists of at most {@link #CHUNK}. */
  public static List<List<UUID>> chunks(Collection<UUID> ids) {
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
    List<List<UUID>> chunks = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += CHUNK) {
      chunks.add(distinct.subList(from, Math.min(distinct.size(), from + CHUNK)));
    }
    return chunks;
  }

  /** {@code "(?, ?, ?)"} for three ids. */
  public static String in(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("an IN list needs at least one id");
    }
    return "(" + "?, ".repeat(size - 1) + "?)";
  }

  /** Binds {@code ids} from parameter {@code first} on; returns the next free parameter. */
  public static int bind(PreparedStatement ps, int first, List<UUID> ids) throws SQLException {
    int i = first;
    for (UUID id : ids) {
      ps.setObject(i++, id);
    }
    return i;
  }
}
