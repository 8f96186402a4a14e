package io.dynamodbbackup;

import io.dynamodbbackup.dynamo.DynamoDbWire;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.report.PrefixedLog;
import io.dynamodbbackup.report.Progress;
import io.dynamodbbackup.report.ProgressMeter;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.retry.Retrier;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a job runs with: the DynamoDB client and its wire for calls carrying items as bytes, the
 * retrier, the clock and the log it reports to. Closing it flushes the log.
 *
 * @param progressInterval how often progress is logged, or null for never
 * @param terminal where a progress bar is drawn, or null when no terminal is attached
 */
public record JobContext(
    DynamoDbClient dynamo,
    DynamoDbWire wire,
    Retrier retrier,
    Clock clock,
    EventLog log,
    Duration progressInterval,
    PrintWriter terminal)
    implements AutoCloseable {

  /** Starts reporting a job's progress; the caller closes it when the job ends. */
  public ProgressMeter progress(Supplier<Progress> source, String unitName, long expectedItems) {
    return new ProgressMeter(log, source, unitName, expectedItems, progressInterval, terminal);
  }

  /** Paces the progress lines of a wait on AWS, starting now. */
  public Heartbeat heartbeat() {
    return new Heartbeat(clock, progressInterval);
  }

  /**
   * The context of one table's job in a run: its own retry count, its log lines named after the
   * table when {@code nameLines} (several tables log at once), and the terminal only when {@code
   * drawsBar} (one bar at a time).
   */
  public JobContext forTable(String table, boolean nameLines, boolean drawsBar) {
    return new JobContext(
        dynamo,
        wire,
        retrier.withOwnCount(),
        clock,
        nameLines ? new PrefixedLog(log, table) : new PrefixedLog(log, null),
        progressInterval,
        drawsBar ? terminal : null);
  }

  @Override
  public void close() {
    log.close();
  }
}
