package io.dynamodbbackup.verify;

import io.dynamodbbackup.store.ObjectSource;

/**
 * What to verify, besides the clients it talks through.
 *
 * @param source where the backup is read from
 * @param key the data object, its manifest, or an AWS export folder; empty for the source's root
 * @param table a live table to compare with, or null to check the backup alone
 * @param full also compare every item with the table's item of the same key
 * @param segments parallel Scan segments when counting the table
 * @param consistentRead strongly consistent reads of the table (twice the capacity)
 * @param maxReadCapacity a cap in RCU/s on the table reads, or 0 for none
 * @param quick compare only what the store reports about the object with the manifest
 */
public record VerifyPlan(
    ObjectSource source,
    String key,
    String table,
    boolean full,
    int segments,
    boolean consistentRead,
    double maxReadCapacity,
    boolean quick) {

  public VerifyPlan {
    if (source == null) {
      throw new IllegalArgumentException("a source is needed");
    }
    key = key == null ? "" : key;
    if (table != null && table.isBlank()) {
      table = null;
    }
    if (full && table == null) {
      throw new IllegalArgumentException("--full compares with a live table: give -t/--table");
    }
    if (segments < 1 || segments > 1_000) {
      throw new IllegalArgumentException("segments must be 1 to 1000, was " + segments);
    }
    if (quick && table != null) {
      throw new IllegalArgumentException(
          "--quick reads nothing of the backup, so it cannot compare it with table " + table);
    }
    if (maxReadCapacity < 0) {
      throw new IllegalArgumentException("max RCU must not be negative, was " + maxReadCapacity);
    }
  }
}
