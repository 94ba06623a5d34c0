package io.lethe.storage.fields;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Plates and VINs: canonical upper-case forms without separators, checked by their standards. */
final class VehicleValues {

  /** The 31 provincial abbreviations of GA 36-2018. */
  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  private static final String ALNUM = "[A-HJ-NP-Z0-9]";
  private static final Pattern PLATE = Pattern.compile("[" + PROVINCES + "][A-HJ-NP-Z]("
      // ordinary: five characters, the last possibly a class mark (学 driving school, 挂 trailer, ...)
      + ALNUM + "{4}[A-HJ-NP-Z0-9学警挂港澳领试超]"
      // new-energy small: energy letter, one character, four digits
      + "|[A-HJK]" + ALNUM + "[0-9]{4}"
      // new-energy large: five digits, then D (electric) or F (hybrid)
      + "|[0-9]{5}[DF])");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s·•.\\-]");
  private static final Pattern VIN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");
  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  private VehicleValues() {}

  static String plate(String field, String value) {
    String plate = SEPARATORS.matcher(canonicalWidth(value)).replaceAll("")
        .toUpperCase(Locale.ROOT);
    if (!PLATE.matcher(plate).matches()) {
      throw FieldValues.invalid(field, FieldType.CN_PLATE, "must be a province character, a"
          + " letter and 5 (or 6 for new-energy) letters or digits, without I or O");
    }
    return plate;
  }

  static String vin(String field, String value) {
    String vin = SEPARATORS.matcher(canonicalWidth(value)).replaceAll("")
        .toUpperCase(Locale.ROOT);
    if (!VIN.matcher(vin).matches()) {
      throw FieldValues.invalid(field, FieldType.VIN,
          "must be 17 letters or digits, without I, O or Q");
    }
    if (vinCheckChar(vin) != vin.charAt(8)) {
      throw FieldValues.invalid(field, FieldType.VIN,
          "check digit at position 9 does not match (ISO 3779)");
    }
    return vin;
  }

  /** The check character for a 17-character VIN (position 9 is ignored in the sum). */
  static char vinCheckChar(String vin) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += transliterate(vin.charAt(i)) * VIN_WEIGHTS[i];
    }
    int check = sum % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static int transliterate(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    // A-H = 1-8, J-N = 1-5, P = 7, R = 9, S-Z = 2-9 (I, O, Q are never used).
    String letters = "ABCDEFGH.JKLMN.P.RSTUVWXYZ";
    int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    int i = letters.indexOf(c);
    return i < 0 ? 0 : values[i];
  }

  /** Full-width letters and digits, common in Chinese input methods, become ASCII. */
  static String canonicalWidth(String value) {
    return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
  }
}
