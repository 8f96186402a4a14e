package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;

/**
 * DynamoDB's Export to S3 and the point-in-time recovery it reads from: start an export, wait for
 * it, and wait for recovery to be on. Exports run for minutes to hours on AWS's side; waiting polls
 * DescribeExport, soon at first and then every half minute.
 */
public final class TableExports {

  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(30);

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Poller poller;

  public TableExports(DynamoDbClient dynamo, Retrier retrier) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.poller = new Poller(retrier, FIRST_POLL, MAX_POLL);
  }

  /** Whether point-in-time recovery is on for {@code table}, as an export needs. */
  public boolean pointInTimeRecovery(String table) {
    return recovery(table).pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
  }

  /**
   * Waits until DynamoDB reports point-in-time recovery on for {@code table}, after it was turned
   * on.
   *
   * @return the earliest time it can restore (and so export) from, or null if not reported
   */
  public Instant awaitPointInTimeRecovery(String table, Consumer<String> progress) {
    return poller
        .until(
            "DescribeContinuousBackups " + table,
            () -> recovery(table),
            d -> d.pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED,
            d -> {
              if (d.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
                progress.accept(
                    "waiting for point-in-time recovery of table "
                        + table
                        + " to be on ("
                        + d.pointInTimeRecoveryStatusAsString()
                        + ")");
              }
            })
        .earliestRestorableDateTime();
  }

  /** Starts an export; the request's ClientToken makes a repeated request start none. */
  public ExportDescription start(ExportTableToPointInTimeRequest request) {
    return retrier
        .call(
            "ExportTableToPointInTime of " + request.tableArn(),
            () -> dynamo.exportTableToPointInTime(request))
        .exportDescription();
  }

  /** Polls the export until it is COMPLETED or FAILED; every answer goes to {@code onPoll}. */
  public ExportDescription await(String exportArn, Consumer<ExportDescription> onPoll) {
    return poller.until(
        "DescribeExport " + exportArn,
        () -> dynamo.describeExport(r -> r.exportArn(exportArn)).exportDescription(),
        d -> d.exportStatus() != ExportStatus.IN_PROGRESS,
        onPoll);
  }

  private PointInTimeRecoveryDescription recovery(String table) {
    return retrier
        .call(
            "DescribeContinuousBackups " + table,
            () -> dynamo.describeContinuousBackups(r -> r.tableName(table)))
        .continuousBackupsDescription()
        .pointInTimeRecoveryDescription();
  }
}
