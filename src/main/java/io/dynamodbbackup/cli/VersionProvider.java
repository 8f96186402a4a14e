package io.dynamodbbackup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The tool's version, as the build recorded it. */
final class VersionProvider implements IVersionProvider {

  static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dynamodb-backup.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"dynamodb-backup " + version()};
  }
}
