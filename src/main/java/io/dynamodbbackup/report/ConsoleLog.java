package io.dynamodbbackup.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs through SLF4J; Logback writes the lines to standard error. */
public final class ConsoleLog implements EventLog {

  private final Logger logger;

  public ConsoleLog() {
    this(LoggerFactory.getLogger("dynamodb-backup"));
  }

  ConsoleLog(Logger logger) {
    this.logger = logger;
  }

  @Override
  public void info(String message) {
    logger.info(message);
  }

  @Override
  public void warn(String message) {
    logger.warn(message);
  }

  @Override
  public void close() {}
}
