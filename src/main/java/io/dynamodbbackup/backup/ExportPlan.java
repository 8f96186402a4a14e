package io.dynamodbbackup.backup;

import io.dynamodbbackup.store.Destination;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.S3Encryption;
import java.time.Duration;
import java.time.Instant;

/**
 * What a backup through AWS Export to S3 needs besides the clients it talks through.
 *
 * @param table the table to export
 * @param region the region, recorded in the manifest
 * @param bucket the bucket AWS writes the export to
 * @param prefix a key prefix in the bucket, or empty
 * @param destination the same bucket, for this tool's manifest
 * @param source the same bucket, to check what AWS wrote
 * @param encryption how AWS encrypts the export's objects
 * @param exportTime the point in time to export, or null for now
 * @param incremental export the changes since the newest export at this place, as a chain link
 * @param enablePitr turn point-in-time recovery on when it is off, and wait for it
 * @param fullEvery for an incremental backup, how old the chain's full export may grow before a new
 *     chain starts with a full export; null never starts one while the base is there
 */
public record ExportPlan(
    String table,
    String region,
    String bucket,
    String prefix,
    Destination destination,
    ObjectSource source,
    S3Encryption encryption,
    Instant exportTime,
    boolean incremental,
    boolean enablePitr,
    Duration fullEvery) {

  public ExportPlan {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("a table name is needed");
    }
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException(
          "--engine export writes to S3 only: give -b/--bucket (or set BACKUP_FILE_BUCKET)");
    }
    if (incremental && exportTime != null) {
      throw new IllegalArgumentException(
          "--export-time applies to a full export; an incremental export runs up to now");
    }
    if (fullEvery != null && (fullEvery.isNegative() || fullEvery.isZero())) {
      throw new IllegalArgumentException("--full-every must be positive, was " + fullEvery);
    }
    prefix = prefix == null ? "" : prefix;
  }
}
