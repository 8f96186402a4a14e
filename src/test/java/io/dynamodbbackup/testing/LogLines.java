package io.dynamodbbackup.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The tool's console log lines while it runs in-process (they go through SLF4J, not the run's
 * stderr), for a test that asserts on a warning. Close it to stop capturing.
 */
public final class LogLines implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("dynamodb-backup");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogLines() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Every line so far as {@code LEVEL message}. */
  public List<String> lines() {
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
