package io.dynamodbbackup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a restore besides its source: the target table and the write rate. */
final class RestoreOptions {

  @Option(
      names = {"-t", "--table"},
      paramLabel = "TABLE",
      description = "Table to restore into (default: the table named in the manifest).")
  String table;

  @Option(
      names = "--create-table",
      description =
          "Create the table as the backup recorded it (keys, indexes, billing, encryption), then"
              + " set TTL, tags and point-in-time recovery as they were.")
  boolean createTable;

  @Option(
      names = "--billing-mode",
      paramLabel = "MODE",
      description = "PAY_PER_REQUEST or PROVISIONED for the created table (default: as recorded).")
  String billingMode;

  @Option(
      names = "--dry-run",
      description =
          "Write nothing and read no item: say which table would be written (created or"
              + " existing), the items the manifest records, the write budget, the time the writes"
              + " take at that budget and the on-demand price of the writes.")
  boolean dryRun;

  @Option(
      names = "--allow-existing-items",
      description = "Write into a table that already holds items (same keys are replaced).")
  boolean allowExistingItems;

  @Option(
      names = "--write-capacity-percent",
      paramLabel = "P",
      defaultValue = "50",
      description = "Share of a provisioned table's write capacity to use (default: 50).")
  double writeCapacityPercent;

  @Option(
      names = "--max-wcu",
      paramLabel = "N",
      description =
          "Absolute cap on write capacity units per second; the way to limit on-demand tables.")
  double maxWcu;

  @Option(
      names = "--writers",
      paramLabel = "N",
      defaultValue = "8",
      description = "Batches written at once (default: 8).")
  int writers;

  @Option(
      names = "--reject-file",
      paramLabel = "PATH",
      description =
          "Where items DynamoDB refuses as invalid go, one JSON line each"
              + " (default: <table>.rejected.jsonl in the current folder).")
  Path rejectFile;

  @Option(
      names = "--resume",
      description =
          "Go on with the interrupted restore of the same source into the same table, after the"
              + " items it had written (repeat the interrupted command line with --resume added);"
              + " with none to resume, start a new restore.")
  boolean resume;
}
