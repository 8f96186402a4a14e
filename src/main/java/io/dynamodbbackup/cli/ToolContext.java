package io.dynamodbbackup.cli;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.report.CloudWatchLog;
import io.dynamodbbackup.report.ConsoleLog;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.retry.RetryPolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the command line takes from the process it runs in; each command opens its AWS clients and a
 * {@link JobContext} from it. {@link #system()} is the real one; tests build their own, with
 * interceptors that inject faults and a tiny backoff so that retries take milliseconds.
 *
 * @param out where results go (the one-line summary, JSON listings)
 * @param err where errors and the console log go
 * @param terminal where a progress bar is drawn, or null when standard error is no terminal
 * @param env the environment variables that supply option defaults
 * @param credentials credentials to use instead of the SDK's default chain, or null
 * @param interceptors added to every AWS client
 * @param retryBaseDelay the first retry's backoff ceiling
 * @param retryMaxDelay the largest backoff ceiling
 * @param progressInterval how often progress is logged
 */
public record ToolContext(
    PrintWriter out,
    PrintWriter err,
    PrintWriter terminal,
    Map<String, String> env,
    AwsCredentialsProvider credentials,
    List<ExecutionInterceptor> interceptors,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration progressInterval,
    Clock clock) {

  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofSeconds(5);

  public ToolContext {
    env = Map.copyOf(env);
    interceptors = List.copyOf(interceptors);
  }

  /** The real process: standard streams, the environment, the SDK's credential chain. */
  public static ToolContext system() {
    PrintWriter err = new PrintWriter(System.err, true);
    return new ToolContext(
        new PrintWriter(System.out, true),
        err,
        Terminal.stderrIsTerminal(System.getenv()) ? err : null,
        System.getenv(),
        null,
        List.of(),
        Duration.ofMillis(50),
        Duration.ofSeconds(20),
        Duration.ofSeconds(10),
        Clock.system());
  }

  /**
   * What a job of this command runs with: {@code aws}'s DynamoDB client, a retrier with this
   * process's backoff and the options' time budget, the console or CloudWatch Logs, and progress
   * unless {@code output} turns it off.
   */
  JobContext openJob(AwsOptions options, AwsClients aws, OutputOptions output) {
    boolean progress = output == null || !output.noProgress;
    PrintWriter bar = progress ? terminal : null;
    EventLog console = new ConsoleLog(bar);
    EventLog log =
        options.logGroup != null && options.logStream != null
            ? new CloudWatchLog(
                aws.logs(), options.logGroup, options.logStream, console, LOG_FLUSH_INTERVAL)
            : console;
    Retrier retrier =
        new Retrier(new RetryPolicy(retryBaseDelay, retryMaxDelay, options.maxRetryTime), clock);
    DynamoDbClient dynamo = aws.dynamo();
    return new JobContext(
        dynamo,
        aws.dynamoWire(),
        retrier,
        clock,
        log,
        !progress
            ? null
            : output != null && output.progressEvery != null
                ? output.progressEvery
                : progressInterval,
        bar);
  }
}
