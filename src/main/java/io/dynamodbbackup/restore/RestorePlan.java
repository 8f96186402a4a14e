package io.dynamodbbackup.restore;

import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StateObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Everything a restore needs to know besides the clients it talks through.
 *
 * @param source where the backup is read from
 * @param key the data object, its manifest, or an AWS export folder ({@code
 *     .../AWSDynamoDB/<export-id>}); empty for the source's root folder
 * @param table the table to write into, or null for the table the backup names
 * @param createTable create the table from the backup's recorded schema first
 * @param billingMode PAY_PER_REQUEST or PROVISIONED for a created table, or null as recorded
 * @param allowExistingItems write into a table that already holds items
 * @param writeCapacityPercent share of a provisioned table's write capacity to use
 * @param maxWriteCapacity an absolute cap in WCU/s, or 0 for none
 * @param writers threads writing batches at once
 * @param rejectFile where items DynamoDB refuses go, or null for {@code <table>.rejected.jsonl}
 * @param state where a restore of this source keeps how far it got, for a resume; null keeps
 *     nothing
 * @param resume go on with the interrupted restore of the same source into the same table
 * @param engine how the items reach the table: written by this tool, or imported by AWS
 * @param bucket the S3 bucket the source is in, or null for a local source
 * @param toTime for a chain of exports, the moment to restore to, or null for the source's end
 */
public record RestorePlan(
    ObjectSource source,
    String key,
    String table,
    boolean createTable,
    String billingMode,
    boolean allowExistingItems,
    double writeCapacityPercent,
    double maxWriteCapacity,
    int writers,
    Path rejectFile,
    StateObject state,
    boolean resume,
    Engine engine,
    String bucket,
    Instant toTime) {

  /** How the items reach the table. */
  public enum Engine {
    /**
     * This tool's BatchWriteItem pipeline, into a new or an existing table, using write capacity.
     */
    WRITE,
    /** AWS's ImportTable from S3 into a new table, using no write capacity. */
    IMPORT
  }

  public RestorePlan {
    if (source == null) {
      throw new IllegalArgumentException("a source is needed");
    }
    if (resume && state == null) {
      throw new IllegalArgumentException("--resume needs a place for the restore's state");
    }
    key = key == null ? "" : key;
    if (table != null && table.isBlank()) {
      table = null;
    }
    if (billingMode != null) {
      billingMode = billingMode.toUpperCase(Locale.ROOT);
      if (!billingMode.equals("PAY_PER_REQUEST") && !billingMode.equals("PROVISIONED")) {
        throw new IllegalArgumentException(
            "billing mode must be PAY_PER_REQUEST or PROVISIONED, was " + billingMode);
      }
      if (!createTable) {
        throw new IllegalArgumentException("--billing-mode applies only with --create-table");
      }
    }
    if (!(writeCapacityPercent > 0 && writeCapacityPercent <= 100)) {
      throw new IllegalArgumentException(
          "write capacity percent must be above 0 and at most 100, was " + writeCapacityPercent);
    }
    if (maxWriteCapacity < 0) {
      throw new IllegalArgumentException("max WCU must not be negative, was " + maxWriteCapacity);
    }
    if (writers < 1 || writers > 64) {
      throw new IllegalArgumentException("writers must be 1 to 64, was " + writers);
    }
    engine = engine == null ? Engine.WRITE : engine;
    if (engine == Engine.IMPORT) {
      if (bucket == null) {
        throw new IllegalArgumentException(
            "--engine import reads from S3: give the source as s3://bucket/key");
      }
      if (table == null) {
        throw new IllegalArgumentException(
            "--engine import creates a new table: name it with -t/--table");
      }
      if (toTime != null) {
        throw new IllegalArgumentException(
            "--to-time applies a chain of exports, which --engine import cannot; use --engine"
                + " write");
      }
      if (allowExistingItems) {
        throw new IllegalArgumentException(
            "--engine import creates a new table and cannot write into an existing one");
      }
      if (resume) {
        throw new IllegalArgumentException(
            "--resume applies to --engine write; an import runs at AWS, and a new run with the"
                + " same source and table finds it (its ClientToken is theirs)");
      }
    }
  }
}
