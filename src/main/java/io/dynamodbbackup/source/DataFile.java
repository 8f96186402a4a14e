package io.dynamodbbackup.source;

import io.dynamodbbackup.format.FileFormat;

/**
 * One file of items to restore, and what its manifest says it must hold.
 *
 * @param key the object's key in the source
 * @param format its line format, or null to recognise each line
 * @param itemCount the items it must hold, or null when unknown
 * @param digestAlgorithm {@code SHA-256} or {@code MD5} over the stored bytes, or null for none
 * @param expectedDigest the digest the manifest records: hex for SHA-256, Base64 for MD5
 * @param recordedBy names the manifest in error messages
 * @param layout how its bytes hold items
 */
public record DataFile(
    String key,
    FileFormat format,
    Long itemCount,
    String digestAlgorithm,
    String expectedDigest,
    String recordedBy,
    Layout layout) {

  /** How a data file holds its items. */
  public enum Layout {
    /** One item a line: this tool's, the original tool's, dynamo-backup-to-s3's, AWS export's. */
    LINES,
    /** One Scan page of a dynamodump folder, its binaries as written. */
    DYNAMODUMP_PAGE,
    /** One Scan page of a dynamodump folder whose nested binaries its restore doubled. */
    DYNAMODUMP_PAGE_REPAIRED,
    /** One change record a line: an AWS incremental export's {@code Keys}, {@code NewImage}... */
    CHANGES
  }

  /** Whether it holds an incremental export's change records rather than items. */
  public boolean changes() {
    return layout == Layout.CHANGES;
  }

  /** A file of one item a line. */
  public DataFile(
      String key,
      FileFormat format,
      Long itemCount,
      String digestAlgorithm,
      String expectedDigest,
      String recordedBy) {
    this(key, format, itemCount, digestAlgorithm, expectedDigest, recordedBy, Layout.LINES);
  }

  public DataFile {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("data file key must not be empty");
    }
    layout = layout == null ? Layout.LINES : layout;
    if ((digestAlgorithm == null) != (expectedDigest == null)) {
      throw new IllegalArgumentException(
          "digest algorithm " + digestAlgorithm + " and value " + expectedDigest + " go together");
    }
  }

  /** A file with no manifest: the original tool's, or a copy without its manifest. */
  public static DataFile unverified(String key) {
    return new DataFile(key, null, null, null, null, null);
  }
}
