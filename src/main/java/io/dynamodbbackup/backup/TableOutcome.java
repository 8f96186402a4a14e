package io.dynamodbbackup.backup;

import java.time.Duration;

/**
 * How one table of a many-table run ended: backed up, failed, or never started because the run was
 * stopping. A failure is reported as data, so that the other tables' results are not lost.
 *
 * @param table the table
 * @param status how it ended
 * @param result what was written, or null unless {@code OK}
 * @param error the one line that says what failed and where, or null when {@code OK}
 * @param duration from its start to its end; zero when never started
 */
public record TableOutcome(
    String table, Status status, BackupResult result, String error, Duration duration) {

  /** How a table's backup ended. */
  public enum Status {
    OK,
    FAILED,
    NOT_STARTED
  }

  public TableOutcome {
    if ((status == Status.OK) != (result != null) || (status == Status.OK) == (error != null)) {
      throw new IllegalArgumentException(
          "a table that is OK has a result and no error, any other has an error; "
              + table
              + " is "
              + status);
    }
  }

  static TableOutcome ok(String table, BackupResult result, Duration duration) {
    return new TableOutcome(table, Status.OK, result, null, duration);
  }

  static TableOutcome failed(String table, String error, Duration duration) {
    return new TableOutcome(table, Status.FAILED, null, error, duration);
  }

  static TableOutcome notStarted(String table) {
    return new TableOutcome(
        table,
        Status.NOT_STARTED,
        null,
        "backup of table " + table + " not started: the process is stopping",
        Duration.ZERO);
  }
}
