package io.lethe.benchmarks;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Made-up personal data of the shapes Lethe validates: resident ID numbers with their GB 11643
 * check character, mainland mobiles, GA 36 plates, VINs with their ISO 3779 check digit. None of
 * it belongs to anyone; every record passes the default schema's validation.
 */
final class SyntheticData {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";
  private static final String[] AREAS = {"110105", "310104", "440305", "510107", "330106",
      "420106", "320102", "610113"};
  private static final String[][] PLACES = {{"北京市", "北京市"}, {"上海市", "上海市"},
      {"广东省", "深圳市"}, {"四川省", "成都市"}, {"浙江省", "杭州市"}, {"湖北省", "武汉市"}};
  private static final String PLATE_PROVINCES = "京沪粤川浙鄂苏陕";
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String PLATE_CHARS = LETTERS + "0123456789";
  private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
  private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";
  private static final String[] MOBILE_PREFIXES = {"130", "133", "135", "138", "139", "150",
      "152", "158", "166", "177", "180", "186", "189", "198", "199"};
  private static final String[] MODELS = {"比亚迪 秦PLUS", "大众 朗逸", "丰田 卡罗拉",
      "吉利 星越L", "特斯拉 Model 3", "本田 雅阁"};

  private SyntheticData() {}

  static String idNumber(RandomGenerator r) {
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 55));
    String first17 = AREAS[r.nextInt(AREAS.length)]
        + birth.toString().replace("-", "") + String.format(Locale.ROOT, "%03d", r.nextInt(1000));
    return first17 + idCheckChar(first17);
  }

  /** ISO 7064 MOD 11-2 over the first 17 digits (GB 11643-1999). */
  static char idCheckChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK.charAt(sum % 11);
  }

  static String mobile(RandomGenerator r) {
    return MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)]
        + String.format(Locale.ROOT, "%08d", r.nextInt(100_000_000));
  }

  static String plate(RandomGenerator r) {
    StringBuilder p = new StringBuilder().append(pick(r, PLATE_PROVINCES))
        .append(pick(r, LETTERS));
    for (int i = 0; i < 5; i++) {
      p.append(pick(r, PLATE_CHARS));
    }
    return p.toString();
  }

  /** A Chinese-made (WMI starting with L) VIN with its check digit at position 9. */
  static String vin(RandomGenerator r) {
    StringBuilder v = new StringBuilder("L");
    for (int i = 1; i < 17; i++) {
      v.append(i >= 11 ? (char) ('0' + r.nextInt(10)) : pick(r, VIN_CHARS));
    }
    v.setCharAt(8, vinCheckChar(v));
    return v.toString();
  }

  /** ISO 3779: transliterated characters by position weight, mod 11, 10 written X. */
  static char vinCheckChar(CharSequence vin) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += vinValue(vin.charAt(i)) * VIN_WEIGHTS[i];
    }
    int check = sum % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  static String name(RandomGenerator r) {
    return pick(r, SURNAMES) + "" + pick(r, GIVEN) + (r.nextBoolean() ? "" + pick(r, GIVEN) : "");
  }

  static Map<String, String> account(RandomGenerator r) {
    String[] place = PLACES[r.nextInt(PLACES.length)];
    Map<String, String> f = new LinkedHashMap<>();
    f.put("idType", "resident-id");
    f.put("idNumber", idNumber(r));
    f.put("name", name(r));
    f.put("mobile", mobile(r));
    f.put("province", place[0]);
    f.put("city", place[1]);
    f.put("email", "user" + r.nextInt(1_000_000) + "@example.cn");
    return f;
  }

  static Map<String, String> vehicle(RandomGenerator r) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("plate", plate(r));
    f.put("vin", vin(r));
    f.put("engineNumber", "E" + r.nextInt(10_000_000));
    f.put("vehicleModel", MODELS[r.nextInt(MODELS.length)]);
    f.put("registeredOn", LocalDate.of(2012, 1, 1).plusDays(r.nextInt(4000)).toString());
    f.put("purchaseInvoiceNumber", "0" + (10_000_000 + r.nextInt(89_999_999)));
    f.put("insurancePolicyNumber", "PDAA2025" + (100_000_000 + r.nextInt(899_999_999)));
    return f;
  }

  static Map<String, String> accident(RandomGenerator r) {
    String[] place = PLACES[r.nextInt(PLACES.length)];
    Map<String, String> f = new LinkedHashMap<>();
    f.put("occurredAt", LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(r.nextInt(400_000))
        .atOffset(ZoneOffset.ofHours(8)).toString());
    f.put("locationText", place[0] + place[1] + "建设路" + (1 + r.nextInt(300)) + "号附近");
    f.put("locationPoint", String.format(Locale.ROOT, "%.5f,%.5f", 22 + r.nextDouble() * 18,
        104 + r.nextDouble() * 17));
    f.put("ownPlate", plate(r));
    f.put("otherPartyName", name(r));
    f.put("otherPartyLicenceNumber", idNumber(r));
    f.put("otherPartyMobile", mobile(r));
    f.put("otherPartyPlate", plate(r));
    f.put("description", "路口直行与左转车辆发生剐蹭，无人员受伤，双方同意快速处理。");
    return f;
  }

  /** A stand-in JPEG of about {@code kb} KiB (±25%): the header, then incompressible bytes. */
  static byte[] photo(RandomGenerator r, int kb) {
    byte[] b = new byte[Math.max(64, (int) (kb * 1024 * (0.75 + r.nextDouble() * 0.5)))];
    r.nextBytes(b);
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    b[b.length - 2] = (byte) 0xFF;
    b[b.length - 1] = (byte) 0xD9;
    return b;
  }

  private static int vinValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    // A-H = 1-8, J-N = 1-5, P = 7, R = 9, S-Z = 2-9 (I, O and Q never occur).
    int i = "ABCDEFGH.JKLMN.P.RSTUVWXYZ".indexOf(c);
    return i < 0 ? 0 : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4,
        5, 6, 7, 8, 9}[i];
  }

  private static char pick(RandomGenerator r, String chars) {
    return chars.charAt(r.nextInt(chars.length()));
  }
}
