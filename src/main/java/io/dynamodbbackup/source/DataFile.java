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
 * @param changes whether it holds an incremental export's change records rather than items
 */
public record DataFile(
    String key,
    FileFormat format,
    Long itemCount,
    String digestAlgorithm,
    String expectedDigest,
    String recordedBy,
    boolean changes) {

  public DataFile {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("data file key must not be empty");
    }
    if ((digestAlgorithm == null) != (expectedDigest == null)) {
      throw new IllegalArgumentException(
          "digest algorithm " + digestAlgorithm + " and value " + expectedDigest + " go together");
    }
  }

  /** A file with no manifest: the original tool's, or a copy without its manifest. */
  public static DataFile unverified(String key) {
    return new DataFile(key, null, null, null, null, null, false);
  }
}
