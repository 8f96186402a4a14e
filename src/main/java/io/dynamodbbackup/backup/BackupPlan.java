package io.dynamodbbackup.backup;

import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.Destination;

/**
 * Everything a backup needs to know besides the clients it talks through.
 *
 * @param table the table to back up
 * @param region the region, recorded in the manifest
 * @param prefix a key prefix in the destination, or empty
 * @param destination where the file and manifest go
 * @param format the file format
 * @param base64 Base64 lines (csv only), as the original tool wrote them
 * @param compression how the file is compressed
 * @param segments parallel scan segments, or 0 to choose from the table's size
 * @param pageSize items per Scan request, or 0 to choose from the table's average item size
 * @param consistentRead strongly consistent scan
 * @param readCapacityPercent share of a provisioned table's read capacity to use
 * @param maxReadCapacity an absolute cap in RCU/s, or 0 for none
 * @param partSize bytes per uploaded part, at least; more when the table's size needs it
 * @param maxPartSize the largest part memory allows; parts grow up to it when the table turns out
 *     larger than its estimate
 * @param finalNewline end the last line with a line feed; the original tool did not
 * @param resume go on with the newest interrupted backup of the table at this destination and
 *     prefix, if there is one, and keep a failed or stopped backup's upload for the next resume
 */
public record BackupPlan(
    String table,
    String region,
    String prefix,
    Destination destination,
    FileFormat format,
    boolean base64,
    Compression compression,
    int segments,
    int pageSize,
    boolean consistentRead,
    double readCapacityPercent,
    double maxReadCapacity,
    int partSize,
    int maxPartSize,
    boolean finalNewline,
    boolean resume) {

  /** S3 refuses parts smaller than 5 MiB, except the last. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  public BackupPlan {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("a table name is needed");
    }
    if (base64 && format != FileFormat.CSV) {
      throw new IllegalArgumentException(
          "--encode (Base64 lines) applies to the csv format only, not " + format.cliName());
    }
    if (segments < 0 || segments > 1_000_000) {
      throw new IllegalArgumentException("segments must be 1 to 1000000, was " + segments);
    }
    if (pageSize < 0) {
      throw new IllegalArgumentException("page size must be positive, was " + pageSize);
    }
    if (!(readCapacityPercent > 0 && readCapacityPercent <= 100)) {
      throw new IllegalArgumentException(
          "read capacity percent must be above 0 and at most 100, was " + readCapacityPercent);
    }
    if (maxReadCapacity < 0) {
      throw new IllegalArgumentException("max RCU must not be negative, was " + maxReadCapacity);
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "part size must be at least " + MIN_PART_SIZE + " bytes (5 MiB), was " + partSize);
    }
    if (maxPartSize < partSize) {
      throw new IllegalArgumentException(
          "the largest part ("
              + maxPartSize
              + " bytes) must not be below the part size "
              + partSize);
    }
    if (!finalNewline && compression != Compression.NONE) {
      throw new IllegalArgumentException(
          "--no-final-newline applies to uncompressed files only, not " + compression.cliName());
    }
    prefix = prefix == null ? "" : prefix;
  }

  /** This plan for another table, written to {@code destination}. */
  public BackupPlan forTable(String otherTable, Destination otherDestination) {
    return new BackupPlan(
        otherTable,
        region,
        prefix,
        otherDestination,
        format,
        base64,
        compression,
        segments,
        pageSize,
        consistentRead,
        readCapacityPercent,
        maxReadCapacity,
        partSize,
        maxPartSize,
        finalNewline,
        resume);
  }
}
