package io.dynamodbbackup.restore;

import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StateObject;
import java.nio.file.Path;
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
    boolean resume) {

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
  }
}
