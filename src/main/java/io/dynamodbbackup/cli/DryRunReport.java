package io.dynamodbbackup.cli;

import io.dynamodbbackup.backup.BackupEstimate;
import io.dynamodbbackup.restore.RestoreEstimate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code --dry-run} prints: a row of figures per table (unknown ones say so), the notes that
 * say why, and the prices used; or the same as one JSON object. Returns the exit status: 1 when a
 * table or backup could not be found.
 */
final class DryRunReport {

  /** A dry run as JSON: each estimate, and the prices used. */
  record DryRunJson<T>(
      boolean dryRun, String status, String region, String priceTable, List<T> estimates) {}

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  DryRunReport(ToolContext context, boolean json) {
    this.out = context.out();
    this.err = context.err();
    this.json = json;
  }

  int backup(List<BackupEstimate> estimates, String region) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "TABLE",
            "BILLING",
            "ITEMS",
            "BYTES",
            "SEGMENTS",
            "READ LIMIT",
            "READ UNITS",
            "SECONDS",
            "COST USD"));
    List<String> notes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (BackupEstimate e : estimates) {
      boolean failed = e.error() != null;
      rows.add(
          List.of(
              e.table(),
              failed ? "FAILED" : e.billingMode(),
              number(e.items(), "%d"),
              number(e.bytes(), "%d"),
              number(e.segments(), "%d"),
              failed ? "-" : limit(e.readLimit()),
              figure(failed, e.readUnits(), "%.1f"),
              figure(failed, e.seconds(), "%.1f"),
              cost(failed, e.billingMode(), e.onDemandCostUsd())));
      e.notes().forEach(n -> notes.add(e.table() + ": " + n));
      if (failed) {
        errors.add(e.error());
      }
    }
    return print(rows, Set.of(2, 3, 4, 6, 7, 8), notes, errors, estimates, "table", region);
  }

  int restore(List<RestoreEstimate> estimates, String region) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "TABLE",
            "ACTION",
            "BILLING",
            "ITEMS",
            "WRITE LIMIT",
            "WRITE UNITS",
            "SECONDS",
            "COST USD",
            "SOURCE"));
    List<String> notes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (RestoreEstimate e : estimates) {
      boolean failed = e.error() != null;
      rows.add(
          List.of(
              e.table() == null ? "-" : e.table(),
              failed ? "FAILED" : e.action(),
              failed ? "-" : e.billingMode(),
              number(e.items(), "%d"),
              failed ? "-" : limit(e.writeLimit()),
              figure(failed, e.writeUnits(), "%.1f"),
              figure(failed, e.seconds(), "%.1f"),
              cost(failed, e.billingMode(), e.onDemandCostUsd()),
              e.source()));
      e.notes().forEach(n -> notes.add((e.table() == null ? e.source() : e.table()) + ": " + n));
      if (failed) {
        errors.add(e.error());
      }
    }
    return print(rows, Set.of(3, 5, 6, 7), notes, errors, estimates, "restore", region);
  }

  private <T> int print(
      List<List<String>> rows,
      Set<Integer> numeric,
      List<String> notes,
      List<String> errors,
      List<T> estimates,
      String what,
      String region) {
    errors.forEach(e -> err.println("dynamodb-backup: error: " + e));
    if (json) {
      out.println(
          Json.write(
              new DryRunJson<>(
                  true,
                  errors.isEmpty() ? "OK" : "FAILED",
                  region,
                  BackupEstimate.PRICE_TABLE,
                  estimates)));
    } else {
      Columns.print(rows, numeric, out);
      notes.forEach(n -> out.println("  " + n));
      out.println(
          String.format(
              Locale.ROOT,
              "dry run of %d %s%s in %s: nothing was read or written. Prices: %s",
              estimates.size(),
              what,
              estimates.size() == 1 ? "" : "s",
              region,
              BackupEstimate.PRICE_TABLE));
    }
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String number(Number value, String pattern) {
    return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
  }

  private static String figure(boolean failed, Double value, String pattern) {
    return failed ? "-" : value == null ? "unknown" : String.format(Locale.ROOT, pattern, value);
  }

  /** A provisioned table's reads and writes have no request charge; the notes say so. */
  private static String cost(boolean failed, String billingMode, Double usd) {
    return !failed && "PROVISIONED".equals(billingMode)
        ? "provisioned"
        : figure(failed, usd, "%.6f");
  }

  private static String limit(Double unitsPerSecond) {
    return unitsPerSecond == null ? "none" : String.format(Locale.ROOT, "%.1f/s", unitsPerSecond);
  }
}
