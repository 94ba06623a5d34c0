package io.lethe.storage.fields;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident identity number of GB 11643-1999: a 6-digit area code, the birth
 * date {@code yyyyMMdd}, a 3-digit sequence, and a check character (ISO 7064 MOD 11-2).
 */
final class CnIdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  private CnIdNumber() {}

  /** Null if valid, else the rule broken (never the value). {@code id} is upper-cased. */
  static String check(String id, LocalDate today) {
    if (id.length() != 18 || !id.substring(0, 17).chars().allMatch(CnIdNumber::isDigit)
        || !(isDigit(id.charAt(17)) || id.charAt(17) == 'X')) {
      return "must be 17 digits followed by a digit or X";
    }
    if (checkChar(id) != id.charAt(17)) {
      return "check character does not match (GB 11643-1999)";
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
          Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
    } catch (DateTimeException e) {
      return "birth date is not a calendar date";
    }
    if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
      return "birth date must be between 1900-01-01 and today";
    }
    return null;
  }

  /** The check character for the first 17 digits. */
  static char checkChar(String id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
