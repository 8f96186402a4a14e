package io.dynamodbbackup.cli;

import io.dynamodbbackup.backup.BackupResult;
import io.dynamodbbackup.backup.TableOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a backup run prints: on standard output its result, as text or JSON; on standard error the
 * line of each table that failed. Returns the exit status.
 */
final class BackupReport {

  /** One table's result as JSON; the fields of what was not written are null. */
  record TableJson(
      String table,
      String status,
      Long items,
      Long bytes,
      double seconds,
      String uri,
      String manifestUri,
      String sha256,
      Double consumedReadCapacity,
      Long retries,
      String error) {

    static TableJson of(TableOutcome t) {
      BackupResult r = t.result();
      return new TableJson(
          t.table(),
          t.status().name(),
          r == null ? null : r.items(),
          r == null ? null : r.bytes(),
          Json.seconds(t.duration()),
          r == null ? null : r.uri(),
          r == null ? null : r.manifestUri(),
          r == null ? null : r.sha256(),
          r == null ? null : r.consumedReadCapacity(),
          r == null ? null : r.retries(),
          t.error());
    }
  }

  /** A many-table run as JSON: each table, then the totals. */
  record RunJson(
      String status,
      int tablesOk,
      int tablesFailed,
      long items,
      long bytes,
      double seconds,
      List<TableJson> tables) {}

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  BackupReport(ToolContext context, boolean json) {
    this.out = context.out();
    this.err = context.err();
    this.json = json;
  }

  /** The original tool's run: one line (or object) on success, the error alone on failure. */
  int one(TableOutcome outcome) {
    if (json) {
      out.println(Json.write(TableJson.of(outcome)));
    }
    if (outcome.status() != TableOutcome.Status.OK) {
      err.println("dynamodb-backup: error: " + outcome.error());
      return ExitCodes.FAILED;
    }
    BackupResult result = outcome.result();
    if (!json) {
      out.println(
          String.format(
              Locale.ROOT,
              "backed up %d items (%d bytes) of table %s in %.1f s to %s",
              result.items(),
              result.bytes(),
              outcome.table(),
              result.duration().toMillis() / 1000.0,
              result.uri()));
    }
    return ExitCodes.OK;
  }

  /** Every table's row, then one line of totals; each failure's line on standard error. */
  int many(List<TableOutcome> outcomes, Duration took) {
    long items = 0;
    long bytes = 0;
    int failed = 0;
    for (TableOutcome t : outcomes) {
      if (t.result() == null) {
        failed++;
        err.println("dynamodb-backup: error: " + t.error());
      } else {
        items += t.result().items();
        bytes += t.result().bytes();
      }
    }
    int ok = outcomes.size() - failed;
    if (json) {
      out.println(
          Json.write(
              new RunJson(
                  failed == 0 ? "OK" : "FAILED",
                  ok,
                  failed,
                  items,
                  bytes,
                  Json.seconds(took),
                  outcomes.stream().map(TableJson::of).toList())));
    } else {
      table(outcomes);
      out.println(
          String.format(
              Locale.ROOT,
              "backed up %d of %d tables, %d items (%d bytes), in %s s%s",
              ok,
              outcomes.size(),
              items,
              bytes,
              seconds(took),
              failed == 0 ? "" : "; " + failed + " failed"));
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private void table(List<TableOutcome> outcomes) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TABLE", "STATUS", "ITEMS", "BYTES", "SECONDS", "URI"));
    for (TableOutcome t : outcomes) {
      BackupResult r = t.result();
      rows.add(
          List.of(
              t.table(),
              t.status().name(),
              r == null ? "-" : Long.toString(r.items()),
              r == null ? "-" : Long.toString(r.bytes()),
              seconds(t.duration()),
              r == null ? "-" : r.uri()));
    }
    Columns.print(rows, Set.of(2, 3, 4), out);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }
}
