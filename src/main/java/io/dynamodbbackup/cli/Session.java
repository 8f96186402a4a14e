package io.dynamodbbackup.cli;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.report.CloudWatchLog;
import io.dynamodbbackup.report.ConsoleLog;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.retry.RetryPolicy;
import java.time.Duration;

/**
 * What one command runs with: its AWS clients, its retrier and its log. Closing it flushes the log
 * and closes the clients.
 */
final class Session implements AutoCloseable {

  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofSeconds(5);

  final AwsClients aws;
  final Retrier retrier;
  final EventLog log;

  Session(AwsOptions options, ToolContext context) {
    this.aws = new AwsClients(options, context);
    this.retrier =
        new Retrier(
            new RetryPolicy(
                context.retryBaseDelay(), context.retryMaxDelay(), options.maxRetryTime),
            context.clock());
    EventLog console = new ConsoleLog(context.terminal());
    this.log =
        options.logGroup != null && options.logStream != null
            ? new CloudWatchLog(
                aws.logs(), options.logGroup, options.logStream, console, LOG_FLUSH_INTERVAL)
            : console;
  }

  /** What the jobs talk through and report to. */
  JobContext jobContext(ToolContext context) {
    return new JobContext(
        aws.dynamo(),
        retrier,
        context.clock(),
        log,
        context.progressInterval(),
        context.terminal());
  }

  String region() {
    return aws.region().id();
  }

  @Override
  public void close() {
    try {
      log.close();
    } finally {
      aws.close();
    }
  }
}
