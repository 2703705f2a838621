package io.imdbrnn.config;

/** The version of this code, from the jar manifest; "dev" when run from classes. */
public final class BuildInfo {
  private BuildInfo() {}

  public static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
