package io.dynamodbbackup.report;

/**
 * Where a job's log lines go. Implementations are fast, thread-safe and never throw: a lost log
 * line must never fail a backup.
 */
public interface EventLog extends AutoCloseable {

  void info(String message);

  void warn(String message);

  /** Sends whatever is buffered; called before the process exits. */
  @Override
  void close();
}
