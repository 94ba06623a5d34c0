package io.lethe.storage.fields;

/** The Luhn mod-10 check (ISO/IEC 7812-1) used by IMEIs and payment card numbers. */
final class Luhn {

  private Luhn() {}

  /** True if {@code digits} (ASCII digits only) ends with a correct Luhn check digit. */
  static boolean valid(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
