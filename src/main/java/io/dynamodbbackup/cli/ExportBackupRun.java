package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.TableSelection;
import io.dynamodbbackup.backup.ExportJob;
import io.dynamodbbackup.backup.ExportPlan;
import io.dynamodbbackup.backup.ExportResult;
import io.dynamodbbackup.store.S3Destination;
import io.dynamodbbackup.store.S3Encryption;
import io.dynamodbbackup.store.S3ObjectSource;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code backup --engine export}: the backup through AWS Export to S3, from the backup command. */
final class ExportBackupRun {

  /** Options that shape a Scan and its file; AWS's export has none of them. */
  private static final List<String> SCAN_ONLY =
      List.of(
          "--output-dir",
          "--encode",
          "--no-final-newline",
          "--format",
          "--compress",
          "--segments",
          "--page-size",
          "--consistent-read",
          "--read-capacity-percent",
          "--max-rcu",
          "--part-size-mb",
          "--upload-concurrency",
          "--table-concurrency",
          "--dry-run");

  private ExportBackupRun() {}

  static int run(
      CommandLine cmd,
      BackupOptions o,
      TableSelection selection,
      ExportOptions export,
      OutputOptions output,
      S3Encryption encryption,
      AwsOptions aws,
      ToolContext context) {
    CommandLine.ParseResult parsed = cmd.getParseResult();
    for (String option : SCAN_ONLY) {
      if (parsed.hasMatchedOption(option)) {
        throw new ParameterException(
            cmd, option + " applies to --engine scan; AWS's export writes its own gzip files");
      }
    }
    String table =
        selection
            .singleTable()
            .orElseThrow(
                () ->
                    new ParameterException(
                        cmd,
                        "--engine export backs up one table a run: name it with -t/--table (or"
                            + " TABLE_NAME), without patterns, --all-tables or --tag"));
    if (output.json()) {
      throw new ParameterException(cmd, "--output json applies to --engine scan; give text");
    }
    if (o.bucket == null || o.bucket.isBlank()) {
      throw new ParameterException(
          cmd,
          "Missing bucket: --engine export writes to S3 only; give -b/--bucket or set"
              + " BACKUP_FILE_BUCKET");
    }
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients, output)) {
      ExportPlan plan =
          valid(
              cmd,
              "export options",
              () ->
                  new ExportPlan(
                      table,
                      clients.region().id(),
                      o.bucket,
                      o.prefix,
                      new S3Destination(
                          clients.s3(),
                          o.bucket,
                          encryption,
                          job.retrier(),
                          aws.s3Dialect(),
                          1,
                          job.log()::warn),
                      new S3ObjectSource(clients.s3(), o.bucket, job.retrier()),
                      encryption,
                      export.exportTime,
                      export.incremental,
                      export.enablePitr,
                      export.incremental ? export.fullEvery : null));
      for (ExportResult r : new ExportJob(job, VersionProvider.version()).run(plan)) {
        context.out().println(summary(r, table));
      }
      return ExitCodes.OK;
    }
  }

  /** E.g. {@code exported 2001 items of table users at 2026-...Z in 61.0 s to s3://...}. */
  static String summary(ExportResult r, String table) {
    return String.format(
        Locale.ROOT,
        "%s %s of table %s %s in %.1f s to %s (%d files, %d bytes, %s)",
        r.alreadyDone() ? "already exported" : "exported",
        r.items() == null ? "the items" : r.items() + (r.incremental() ? " changes" : " items"),
        table,
        r.incremental() ? "from " + r.from() + " to " + r.to() : "at " + r.to(),
        r.duration().toMillis() / 1000.0,
        r.uri(),
        r.files(),
        r.bytes(),
        r.verified() ? "verified against AWS's manifest" : "unverified: no AWS manifest found");
  }
}
