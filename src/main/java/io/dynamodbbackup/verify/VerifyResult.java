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
 *     for a backup with none to check: an export recorded unverified, a dynamodump folder (each
 *     file's count is checked instead)
 * @param table the live table compared with, or null
 * @param tableItems the items the live table holds, or null without a table
 * @param itemsCompared backup items found equal in the table by key (0 without {@code --full})
 * @param storeChecks with {@code --quick}, what the store's report matched (size, ETag, CRC32C);
 *     empty otherwise
 * @param chain for an incremental export, the chain verified with it ("3 exports: ..."), else null
 * @param countsOnly without a digest, what was checked instead ("each page's count ok ..."), else
 *     null
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
    List<String> storeChecks,
    String chain,
    String countsOnly) {

  public VerifyResult {
    storeChecks = List.copyOf(storeChecks);
  }
}
