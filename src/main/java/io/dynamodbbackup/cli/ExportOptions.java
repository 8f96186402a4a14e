package io.dynamodbbackup.cli;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** How a backup reads the table: its own parallel Scan, or AWS Export to S3. */
final class ExportOptions {

  /** The backup engines. */
  enum Engine {
    scan,
    export
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "scan",
      description =
          "scan (this tool's parallel Scan into one file; uses read capacity) or export (AWS Export"
              + " to S3 from point-in-time recovery data: a snapshot, no read capacity, billed per"
              + " GB; S3 only). Default: $BACKUP_ENGINE (scan, export, or export-incremental for"
              + " --engine export --incremental), else scan.")
  Engine engine;

  @Option(
      names = "--export-time",
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description =
          "With --engine export: the point in time to export, e.g. 2026-11-25T02:00:00Z, within"
              + " the point-in-time recovery window (default: now). Running again with the same"
              + " time continues or finds the same export.")
  Instant exportTime;

  @Option(
      names = "--incremental",
      description =
          "With --engine export: export only the changes since the newest export of the table at"
              + " this bucket and prefix, as the next link of its chain (windows over 24 hours are"
              + " split; a full export is taken first when there is none).")
  boolean incremental;

  @Option(
      names = "--full-every",
      paramLabel = "AGE",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description =
          "With --incremental: start a new chain with a full export once the chain's full export"
              + " is this old, e.g. 7d, 24h (default: 7d). Keep it well below the bucket's"
              + " retention: links whose full export has expired cannot be restored.")
  Duration fullEvery;

  @Option(
      names = "--enable-pitr",
      description =
          "With --engine export: turn point-in-time recovery on when it is off, and wait for it"
              + " (it is billed by table size).")
  boolean enablePitr;
}
