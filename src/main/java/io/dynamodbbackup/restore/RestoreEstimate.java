package io.dynamodbbackup.restore;

import io.dynamodbbackup.dynamo.RequestCost;
import java.util.List;

/**
 * What a dry run says a restore would take, from the backup's manifest and one DescribeTable of the
 * target. A figure that cannot be known is null, and {@code notes} say why.
 *
 * @param source the backup, as a URI
 * @param table the table that would be written
 * @param action {@code create} (with --create-table) or {@code existing}
 * @param billingMode the target's billing mode, as it is or would be created
 * @param items the items the manifest records
 * @param writeLimit the write budget in WCU/s, or null for none
 * @param writeUnits the write units writing every item consumes
 * @param seconds how long the writes take at the write budget
 * @param onDemandCostUsd the list price of those write units on an on-demand table
 * @param notes what is unknown and why, and what the figures assume
 * @param error why the restore could not even start, or null
 */
public record RestoreEstimate(
    String source,
    String table,
    String action,
    String billingMode,
    Long items,
    Double writeLimit,
    Double writeUnits,
    Double seconds,
    Double onDemandCostUsd,
    List<String> notes,
    String error) {

  /** The prices the estimate of a cost uses, as a person reads them. */
  public static final String PRICE_TABLE = RequestCost.PRICE_TABLE;

  public RestoreEstimate {
    notes = List.copyOf(notes);
  }

  public static RestoreEstimate failed(String source, String error) {
    return new RestoreEstimate(
        source, null, null, null, null, null, null, null, null, List.of(), error);
  }
}
