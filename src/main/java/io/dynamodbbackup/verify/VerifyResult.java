package io.dynamodbbackup.verify;

import java.time.Duration;
import java.util.List;

/**
 * A verification that passed: every check it was asked for held.
 *
 * @param source the backup, as a URI
 * @param files the data files read (more than one for an AWS export)
 * @param items the items the backup holds, each line parsed
 * @param digestAlgorithm {@code SHA-256} for this tool's backups, {@code MD5} for AWS exports, null
 *     for a dynamodump folder (it has none; each page's count is checked instead)
 * @param table the live table compared with, or null
 * @param tableItems the items the live table holds, or null without a table
 * @param itemsCompared backup items found equal in the table by key (0 without {@code --full})
 * @param storeChecks with {@code --quick}, what the store's report matched (size, ETag, CRC32C);
 *     empty otherwise
 */
public record VerifyResult(
    String source,
    int files,
    long items,
    String digestAlgorithm,
    String table,
    Long tableItems,
    long itemsCompared,
    Duration duration,
    double consumedReadCapacity,
    List<String> storeChecks) {

  public VerifyResult {
    storeChecks = List.copyOf(storeChecks);
  }
}
