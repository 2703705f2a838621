package io.imdbrnn.config;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that is logged or stored: the user-info part of URIs ({@code
 * s3a://KEY:SECRET@bucket/...}, {@code hdfs://user:password@host/...}) and the values of
 * secret-looking {@code key=value} pairs. Credentials belong in Hadoop configuration or the
 * environment, never in paths, but a path is the first place someone puts them.
 */
public final class Redact {
  private static final Pattern USER_INFO =
      // Up to the last '@' of the token: cloud secrets may contain '/'.
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^@\\s]*@");
  private static final Pattern SECRET_VALUE =
      Pattern.compile("(?i)((?:secret|password|token|access[.-]?key)[^=\\s]*=)[^,\\s\\]]+");

  private Redact() {}

  public static String text(String s) {
    if (s == null) {
      return null;
    }
    String noUserInfo = USER_INFO.matcher(s).replaceAll("$1***@");
    return SECRET_VALUE.matcher(noUserInfo).replaceAll("$1***");
  }
}
