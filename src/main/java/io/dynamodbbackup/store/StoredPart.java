package io.dynamodbbackup.store;

/**
 * One part of an unfinished object that the store confirmed holding: what completing the upload
 * after a resume needs, without asking the store (some S3-compatible stores cannot list parts).
 *
 * @param number the part number, 1 on
 * @param bytes its length
 * @param etag the ETag the store answered, or null for a local file
 * @param checksum what the part was sent with, {@code CRC32C:<base64>} on Amazon S3 or {@code
 *     MD5:<base64>} elsewhere, or null for a local file
 */
public record StoredPart(int number, long bytes, String etag, String checksum) {

  public StoredPart {
    if (number < 1 || bytes < 0) {
      throw new IllegalArgumentException(
          "a stored part needs a number of 1 or more and a size, was part "
              + number
              + " of "
              + bytes
              + " bytes");
    }
  }
}
