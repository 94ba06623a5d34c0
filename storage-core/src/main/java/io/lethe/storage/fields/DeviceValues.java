package io.lethe.storage.fields;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Device and network identifiers: IP and MAC addresses, IMEIs, card numbers. */
final class DeviceValues {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
          + "|1[0-9]{2}|[1-9]?[0-9])){3}");
  /** Only hex digits, colons and dots, so InetAddress never takes it for a host name. */
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");
  private static final Pattern MAC_GROUPED = Pattern.compile(
      "[0-9A-F]{2}([:-][0-9A-F]{2}){5}|[0-9A-F]{4}\\.[0-9A-F]{4}\\.[0-9A-F]{4}|[0-9A-F]{12}");
  private static final Pattern DIGIT_SEPARATORS = Pattern.compile("[\\s\\-/]");

  private DeviceValues() {}

  /** IPv4 dotted quad (no leading zeros), or IPv6 as {@link Inet6Address} prints it. */
  static String ip(String field, String value) {
    String ip = value.strip();
    if (IPV4.matcher(ip).matches()) {
      return ip;
    }
    if (ip.indexOf(':') >= 0 && IPV6_CHARS.matcher(ip).matches()) {
      try {
        InetAddress address = InetAddress.getByName(ip);
        // An IPv4-mapped IPv6 literal comes back as IPv4: store the IPv4 form.
        return address.getHostAddress().toLowerCase(Locale.ROOT);
      } catch (UnknownHostException e) {
        // fall through: the exception's message would quote the value
      }
    }
    throw FieldValues.invalid(field, FieldType.IP_ADDRESS,
        "must be an IPv4 dotted quad or an IPv6 address");
  }

  static String mac(String field, String value) {
    String mac = value.strip().toUpperCase(Locale.ROOT);
    if (!MAC_GROUPED.matcher(mac).matches()) {
      throw FieldValues.invalid(field, FieldType.MAC_ADDRESS,
          "must be 6 hex byte pairs separated by ':' or '-'");
    }
    String hex = mac.replaceAll("[:.\\-]", "");
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
    }
    return out.toString();
  }

  static String imei(String field, String value) {
    String digits = DIGIT_SEPARATORS.matcher(value).replaceAll("");
    if (!digits.matches("[0-9]{15}")) {
      throw FieldValues.invalid(field, FieldType.IMEI, "must be 15 digits");
    }
    if (!Luhn.valid(digits)) {
      throw FieldValues.invalid(field, FieldType.IMEI, "check digit does not match (Luhn)");
    }
    return digits;
  }

  static String bankCard(String field, String value) {
    String digits = DIGIT_SEPARATORS.matcher(value).replaceAll("");
    if (!digits.matches("[0-9]{12,19}")) {
      throw FieldValues.invalid(field, FieldType.BANK_CARD, "must be 12 to 19 digits");
    }
    if (!Luhn.valid(digits)) {
      throw FieldValues.invalid(field, FieldType.BANK_CARD, "check digit does not match (Luhn)");
    }
    return digits;
  }
}
