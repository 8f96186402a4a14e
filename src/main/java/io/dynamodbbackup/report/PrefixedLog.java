package io.dynamodbbackup.report;

/**
 * One job's view of a run's log: names the table in every line when a run covers several tables, so
 * that the lines of tables backed up at once can be told apart. Closing it leaves the run's log
 * open: the run closes that.
 */
public final class PrefixedLog implements EventLog {

  private final EventLog log;
  private final String prefix;

  /**
   * @param log the run's log
   * @param name what each line starts with, in brackets; null for no name
   */
  public PrefixedLog(EventLog log, String name) {
    this.log = log;
    this.prefix = name == null ? "" : "[" + name + "] ";
  }

  @Override
  public void info(String message) {
    log.info(prefix + message);
  }

  @Override
  public void warn(String message) {
    log.warn(prefix + message);
  }

  @Override
  public void close() {}
}
