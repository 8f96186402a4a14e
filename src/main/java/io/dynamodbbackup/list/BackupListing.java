package io.dynamodbbackup.list;

import java.time.Instant;

/**
 * One backup found by {@link ListJob}.
 *
 * @param startedAt when the backup started, from its key; for an export, the moment it holds
 * @param table the table backed up
 * @param items the items its manifest records, or null without a readable manifest
 * @param bytes the data object's size
 * @param format {@code csv}, {@code csv-base64} or {@code dynamodb-json}
 * @param compression {@code none}, {@code gzip} or {@code zstd}
 * @param complete whether a manifest exists beside it and parses
 * @param reason why it is not complete, or null
 * @param uri the data object, or an export's folder
 * @param engine {@code scan}, or {@code export} for an AWS export this tool drove
 * @param exportFrom an incremental export's window start (its end is {@code startedAt}), else null
 * @param chainBase an incremental export's chain base, the full export's folder, else null
 * @param verified for an export, whether its files were checked against AWS's manifest, else null
 */
public record BackupListing(
    Instant startedAt,
    String table,
    Long items,
    long bytes,
    String format,
    String compression,
    boolean complete,
    String reason,
    String uri,
    String engine,
    Instant exportFrom,
    String chainBase,
    Boolean verified) {

  public BackupListing {
    if (startedAt == null || table == null || uri == null) {
      throw new IllegalArgumentException(
          "startedAt, table and uri must be set, were " + startedAt + ", " + table + ", " + uri);
    }
    if (complete != (reason == null)) {
      throw new IllegalArgumentException(
          "a reason goes with an incomplete backup only, was " + reason + " for " + uri);
    }
  }
}
