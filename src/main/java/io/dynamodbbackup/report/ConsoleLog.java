package io.dynamodbbackup.report;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs through SLF4J; Logback writes the lines to standard error. When a progress bar is drawn on
 * the same terminal, its line is cleared first, so that a log line never starts behind the bar.
 */
public final class ConsoleLog implements EventLog {

  private final Logger logger;
  private final PrintWriter terminal;

  /**
   * @param terminal the terminal a progress bar is drawn on, or null
   */
  public ConsoleLog(PrintWriter terminal) {
    this(LoggerFactory.getLogger("dynamodb-backup"), terminal);
  }

  ConsoleLog(Logger logger, PrintWriter terminal) {
    this.logger = logger;
    this.terminal = terminal;
  }

  @Override
  public void info(String message) {
    onCleanLine(() -> logger.info(message));
  }

  @Override
  public void warn(String message) {
    onCleanLine(() -> logger.warn(message));
  }

  @Override
  public void close() {}

  /** Holds the terminal while logging, so that the bar is not redrawn in between. */
  private void onCleanLine(Runnable log) {
    if (terminal == null) {
      log.run();
      return;
    }
    synchronized (terminal) {
      terminal.print("\r\033[K");
      terminal.flush();
      log.run();
    }
  }
}
