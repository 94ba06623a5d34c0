package io.lethe.storage.fields;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a value is shown on a masked read, following the policies' promise to show ID numbers and
 * phone numbers masked. Masks work on code points, so a rare character outside the BMP (common
 * in Chinese names) counts as one character and is never split in half.
 */
public enum MaskingRule {
  /** First 3 and last 4 visible: {@code 110***********002X}. */
  CN_ID_NUMBER("cn-id-number") {
    @Override
    public String mask(String value) {
      return keepEnds(value, 3, 4);
    }
  },
  /** First 3 and last 4 visible: {@code 138****5678}. */
  CN_MOBILE("cn-mobile") {
    @Override
    public String mask(String value) {
      return keepEnds(value, 3, 4);
    }
  },
  /**
   * The surname's first character visible: {@code 张**}. Compound surnames (欧阳, 司马) keep only
   * their first character too, which reveals less, and no surname list is needed.
   */
  CN_NAME("cn-name") {
    @Override
    public String mask(String value) {
      return keepEnds(value, 1, 0);
    }
  },
  /** First character of the local part, then {@code ***@domain}. */
  EMAIL("email") {
    @Override
    public String mask(String value) {
      int at = value.lastIndexOf('@');
      if (at <= 0) {
        return "***";
      }
      return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
    }
  },
  /**
   * The first 6 characters visible, which for a Chinese address is about province and city
   * (北京市海淀区); a parser that cuts exactly at the city is future work.
   */
  ADDRESS("address") {
    @Override
    public String mask(String value) {
      return keepEnds(value, 6, 0);
    }
  },
  NONE("none") {
    @Override
    public String mask(String value) {
      return value;
    }
  };

  private final String yamlName;

  MaskingRule(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The value as shown on a masked read; {@code value} is a normalized, non-null value. */
  public abstract String mask(String value);

  public String yamlName() {
    return yamlName;
  }

  public static Optional<MaskingRule> fromYamlName(String name) {
    return Arrays.stream(values()).filter(r -> r.yamlName.equals(name)).findFirst();
  }

  /** Too short to keep both ends without revealing everything: mask it all. */
  private static String keepEnds(String value, int head, int tail) {
    int[] cps = value.codePoints().toArray();
    boolean tooShort = cps.length <= head + tail && cps.length > 1;
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < cps.length; i++) {
      boolean visible = !tooShort && (i < head || i >= cps.length - tail);
      if (visible) {
        out.appendCodePoint(cps[i]);
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }
}
