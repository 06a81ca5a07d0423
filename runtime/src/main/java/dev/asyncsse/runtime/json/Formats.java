package dev.asyncsse.runtime.json;

import java.util.regex.Pattern;

/**
 * Checks the JSON Schema string formats that have no Java type of their own.
 *
 * <p>Generated payload types call these from their constructors. The checks follow the syntax of
 * the format's standard; none of them looks anything up on the network.
 */
public final class Formats {

  private static final Pattern HOSTNAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile(
      "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private Formats() {}

  /** Returns whether {@code value} is an e-mail address: a local part, {@code @}, a domain. */
  public static boolean isEmail(String value) {
    // One pass over the text: a non-empty local part, exactly one @, and a non-empty domain that
    // either contains no dot or has a dot with at least one character on each side of it.
    // Whitespace is what \s matches in a Java regular expression: space, tab, LF, VT, FF and CR.
    int length = value.length();
    int at = -1;
    boolean domainHasDot = false;
    boolean domainHasInnerDot = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
        return false;
      } else if (c == '.' && at >= 0) {
        domainHasDot = true;
        if (i > at + 1 && i < length - 1) {
          domainHasInnerDot = true;
        }
      }
    }
    return at > 0 && at < length - 1 && (!domainHasDot || domainHasInnerDot);
  }

  /** Returns whether {@code value} is a host name as RFC 1123 defines it. */
  public static boolean isHostname(String value) {
    return HOSTNAME.matcher(value).matches();
  }

  /** Returns whether {@code value} is an IPv4 address in dotted-quad form. */
  public static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  /** Returns whether {@code value} is an IPv6 address as RFC 4291 writes it, without a zone. */
  public static boolean isIpv6(String value) {
    String address = value;
    int lastColon = address.lastIndexOf(':');
    if (lastColon >= 0 && address.indexOf('.', lastColon) > 0) {
      // An embedded IPv4 address stands for the last two groups.
      if (!isIpv4(address.substring(lastColon + 1))) {
        return false;
      }
      address = address.substring(0, lastColon + 1) + "0:0";
    }
    int compressed = address.indexOf("::");
    if (compressed != address.lastIndexOf("::")) {
      return false;
    }
    String[] groups = address.replace("::", ":x:").split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (group.equals("x")) {
        continue;
      }
      if (group.isEmpty()) {
        boolean edgeOfCompression =
            compressed >= 0 && ((i == 0) || (i == groups.length - 1));
        if (!edgeOfCompression) {
          return false;
        }
        continue;
      }
      if (!HEX_GROUP.matcher(group).matches()) {
        return false;
      }
      count++;
    }
    return compressed >= 0 ? count < 8 : count == 8;
  }
}
