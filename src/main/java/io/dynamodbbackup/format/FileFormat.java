package io.dynamodbbackup.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The line format of a backup file. Byte layouts are specified in {@code docs/FORMATS.md}. */
public enum FileFormat {
  /** The original tool's one-column CSV: quoted typed JSON or Base64 of it, one item a line. */
  CSV("csv", ".csv", Compression.NONE),
  /** AWS Export-to-S3 lines, {@code {"Item":{...}}}, which AWS Import from S3 accepts. */
  DYNAMODB_JSON("dynamodb-json", ".json", Compression.GZIP);

  private final String cliName;
  private final String extension;
  private final Compression defaultCompression;

  FileFormat(String cliName, String extension, Compression defaultCompression) {
    this.cliName = cliName;
    this.extension = extension;
    this.defaultCompression = defaultCompression;
  }

  /** The name used on the command line and in the manifest. */
  public String cliName() {
    return cliName;
  }

  /** The file name ending, e.g. {@code .csv.gz}. */
  public String extension(Compression compression) {
    return extension + compression.suffix();
  }

  /** NONE for CSV, which the original tool wrote uncompressed; GZIP for AWS export lines. */
  public Compression defaultCompression() {
    return defaultCompression;
  }

  /** Parses a command-line name; the error names the bad value and the valid ones. */
  public static FileFormat fromCliName(String name) {
    for (FileFormat format : values()) {
      if (format.cliName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "unknown file format \"%s\"; valid formats: %s",
            name,
            Arrays.stream(values()).map(FileFormat::cliName).collect(Collectors.joining(", "))));
  }
}
