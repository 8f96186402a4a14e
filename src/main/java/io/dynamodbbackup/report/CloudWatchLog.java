package io.dynamodbbackup.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * Sends log lines to a CloudWatch Logs stream in batches (every few seconds, or sooner when a batch
 * fills), creating the group and stream if missing. Every line also goes to the console. When
 * CloudWatch Logs fails, the log warns once on the console and goes on with the console alone.
 */
public final class CloudWatchLog implements EventLog {

  /**
   * PutLogEvents takes at most 10,000 events and 1 MiB, counting 26 bytes of overhead per event.
   */
  private static final int MAX_EVENTS = 10_000;

  private static final int MAX_BATCH_BYTES = 1_048_576;
  private static final int EVENT_OVERHEAD = 26;
  private static final int MAX_MESSAGE_BYTES = 200_000;

  private final CloudWatchLogsClient logs;
  private final String group;
  private final String stream;
  private final EventLog console;
  private final ScheduledExecutorService flusher;
  private final List<InputLogEvent> buffer = new ArrayList<>();
  private int bufferBytes;
  private boolean failed;

  public CloudWatchLog(
      CloudWatchLogsClient logs, String group, String stream, EventLog console, Duration interval) {
    this.logs = logs;
    this.group = group;
    this.stream = stream;
    this.console = console;
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cloudwatch-logs");
              t.setDaemon(true);
              return t;
            });
    try {
      createIfMissing();
    } catch (RuntimeException e) {
      fail(e);
    }
    long ms = interval.toMillis();
    flusher.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void info(String message) {
    console.info(message);
    add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    console.warn(message);
    add("WARN " + message);
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  private void add(String message) {
    String text = truncate(message);
    int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
    boolean full;
    synchronized (this) {
      if (failed) {
        return;
      }
      buffer.add(
          InputLogEvent.builder().timestamp(Instant.now().toEpochMilli()).message(text).build());
      bufferBytes += size;
      full = buffer.size() >= MAX_EVENTS / 2 || bufferBytes >= MAX_BATCH_BYTES / 2;
    }
    if (full) {
      flusher.execute(this::flush);
    }
  }

  private void flush() {
    List<InputLogEvent> batch;
    synchronized (this) {
      if (failed || buffer.isEmpty()) {
        return;
      }
      batch = new ArrayList<>(buffer);
      buffer.clear();
      bufferBytes = 0;
    }
    try {
      logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(batch));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void createIfMissing() {
    try {
      logs.createLogGroup(r -> r.logGroupName(group));
    } catch (ResourceAlreadyExistsException e) {
      // Expected on every run after the first.
    }
    try {
      logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    } catch (ResourceAlreadyExistsException e) {
      // Expected when the stream is reused.
    }
  }

  private void fail(RuntimeException e) {
    synchronized (this) {
      if (failed) {
        return;
      }
      failed = true;
      buffer.clear();
    }
    console.warn(
        "CloudWatch Logs "
            + group
            + "/"
            + stream
            + " failed ("
            + e.getMessage()
            + "); logging to the console only, the job goes on");
  }

  private static String truncate(String message) {
    return message.length() > MAX_MESSAGE_BYTES / 4
        ? message.substring(0, MAX_MESSAGE_BYTES / 4) + "..."
        : message;
  }
}
