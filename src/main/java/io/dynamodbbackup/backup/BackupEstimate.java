package io.dynamodbbackup.backup;

import io.dynamodbbackup.dynamo.RequestCost;
import java.util.List;

/**
 * What a dry run says a table's backup would take, from DescribeTable alone. A figure that cannot
 * be known is null, and {@code notes} say why.
 *
 * @param table the table
 * @param billingMode PAY_PER_REQUEST or PROVISIONED, or null when the table could not be described
 * @param items the item count DynamoDB reports (updated about every six hours)
 * @param bytes the table size DynamoDB reports (likewise)
 * @param segments the parallel scan segments the backup would use
 * @param readLimit the read budget in RCU/s, or null for none
 * @param readUnits the read units a full scan consumes
 * @param seconds how long the scan takes at the read budget
 * @param onDemandCostUsd the list price of those read units on an on-demand table
 * @param notes what is unknown and why, and what the figures assume
 * @param error why the table could not be described, or null
 */
public record BackupEstimate(
    String table,
    String billingMode,
    Long items,
    Long bytes,
    Integer segments,
    Double readLimit,
    Double readUnits,
    Double seconds,
    Double onDemandCostUsd,
    List<String> notes,
    String error) {

  /** The prices the estimate of a cost uses, as a person reads them. */
  public static final String PRICE_TABLE = RequestCost.PRICE_TABLE;

  public BackupEstimate {
    notes = List.copyOf(notes);
  }

  static BackupEstimate failed(String table, String error) {
    return new BackupEstimate(
        table, null, null, null, null, null, null, null, null, List.of(), error);
  }
}
