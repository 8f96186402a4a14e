package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.TableSelection;
import io.dynamodbbackup.backup.BackupPlan;
import io.dynamodbbackup.backup.ManyTablesBackup;
import io.dynamodbbackup.backup.TableOutcome;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.BothDestinations;
import io.dynamodbbackup.store.Destination;
import io.dynamodbbackup.store.LocalDestination;
import io.dynamodbbackup.store.S3Destination;
import io.dynamodbbackup.store.S3Dialect;
import io.dynamodbbackup.store.S3Encryption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@code dynamodb-backup backup}: the same as running the tool with no command. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Back up DynamoDB tables, each to one file in S3 (or a local folder): one table, a list, patterns, tags or all.")
final class BackupCommand implements Callable<Integer> {

  private static final int UPLOAD_THREADS_MAX = 32;
  private static final int TABLES_AT_ONCE_MAX = 32;

  /** Java arrays end just below 2 GiB; S3 parts at 5 GiB. */
  private static final int MAX_PART_BYTES = Integer.MAX_VALUE - 8;

  /** Heap kept for everything but the parts: scan chunks, pages in flight, the JVM's own. */
  private static final long HEAP_RESERVE = 96L << 20;

  @Spec CommandSpec spec;
  @Mixin BackupOptions backup;
  @Mixin ExportOptions export;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  BackupCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), backup, export, output, aws, context);
  }

  /** Checks the options, runs the backup and prints its summary; the root command runs it too. */
  static int run(
      CommandLine cmd,
      BackupOptions o,
      ExportOptions export,
      OutputOptions output,
      AwsOptions aws,
      ToolContext context) {
    TableSelection selection = selection(cmd, o);
    if (export.engine == ExportOptions.Engine.export) {
      if (o.resume) {
        throw new ParameterException(
            cmd,
            "--resume applies to --engine scan: an export runs at AWS, and the same command"
                + " without --resume finds an export it started again");
      }
      return ExportBackupRun.run(
          cmd,
          o,
          selection,
          export,
          output,
          valid(cmd, "--sse", () -> encryption(o)),
          aws,
          context);
    }
    if (export.exportTime != null
        || export.incremental
        || export.enablePitr
        || cmd.getParseResult().hasMatchedOption("--full-every")) {
      throw new ParameterException(
          cmd,
          "--export-time, --incremental, --full-every and --enable-pitr apply to --engine export");
    }
    if (blank(o.bucket) && o.outputDir == null) {
      throw new ParameterException(
          cmd, "Missing destination: give -b/--bucket (or set BACKUP_FILE_BUCKET) or --output-dir");
    }
    FileFormat format = valid(cmd, "--format", () -> FileFormat.fromCliName(o.format));
    Compression compression =
        o.compress == null
            ? format.defaultCompression()
            : valid(cmd, "--compress", () -> Compression.fromCliName(o.compress));
    S3Encryption encryption = valid(cmd, "--sse", () -> encryption(o));
    within(cmd, "--upload-concurrency", o.uploadConcurrency, UPLOAD_THREADS_MAX);
    within(cmd, "--table-concurrency", o.tableConcurrency, TABLES_AT_ONCE_MAX);

    int partSize = (int) Math.min(MAX_PART_BYTES, (long) o.partSizeMb * 1024 * 1024);
    long startNanos = context.clock().nanoTime();
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients, output)) {
      // Built only when used: the S3 client alone loads hundreds of classes at start.
      S3Client s3 = blank(o.bucket) ? null : clients.s3();
      String region = clients.region().id();
      // Checked once, before any call; each table gets a copy with its own table and destination.
      BackupPlan options =
          valid(
              cmd,
              "backup options",
              () ->
                  new BackupPlan(
                      selection.describe(),
                      region,
                      o.prefix,
                      null,
                      format,
                      o.encode,
                      compression,
                      o.segments,
                      o.pageSize,
                      o.consistentRead,
                      o.readCapacityPercent,
                      o.maxRcu,
                      partSize,
                      maxPartSize(partSize, o.uploadConcurrency, o.tableConcurrency),
                      !o.noFinalNewline,
                      o.resume));
      ManyTablesBackup run =
          new ManyTablesBackup(job, VersionProvider.version(), o.tableConcurrency);
      Optional<String> single = selection.singleTable();
      List<String> tables =
          single.isPresent()
              ? List.of(single.get())
              : Json.failureAsJson(output, context.out(), () -> run.select(selection, region));
      if (o.dryRun) {
        return new DryRunReport(context, output.json())
            .backup(run.estimate(tables, options), region);
      }
      List<TableOutcome> outcomes =
          run.run(
              tables,
              (table, tableJob) ->
                  options.forTable(
                      table, destination(o, s3, aws.s3Dialect(), tableJob, encryption)));
      Duration took = Duration.ofNanos(context.clock().nanoTime() - startNanos);
      BackupReport report = new BackupReport(context, output.json());
      return single.isPresent() ? report.one(outcomes.get(0)) : report.many(outcomes, took);
    }
  }

  /** The tables the options select; $TABLE_NAME counts only when nothing else selects. */
  private static TableSelection selection(CommandLine cmd, BackupOptions o) {
    boolean tableGiven = cmd.getParseResult().hasMatchedOption("--table");
    boolean otherwiseSelected = o.allTables || (o.tags != null && !o.tags.isEmpty());
    List<String> patterns =
        o.tables == null || (otherwiseSelected && !tableGiven) ? List.of() : o.tables;
    if (patterns.isEmpty() && !otherwiseSelected) {
      throw new ParameterException(
          cmd, "Missing table: give -t/--table (or set TABLE_NAME), --all-tables or --tag");
    }
    return valid(
        cmd,
        "-t/--table or --exclude",
        () ->
            TableSelection.of(
                patterns,
                o.allTables,
                o.excludes == null ? List.of() : o.excludes,
                o.tags == null ? Map.of() : o.tags));
  }

  private static void within(CommandLine cmd, String option, int value, int max) {
    if (value < 1 || value > max) {
      throw new ParameterException(cmd, option + " must be 1 to " + max + ", was " + value);
    }
  }

  private static Destination destination(
      BackupOptions o,
      S3Client s3Client,
      S3Dialect dialect,
      JobContext job,
      S3Encryption encryption) {
    Destination local =
        o.outputDir == null ? null : new LocalDestination(o.outputDir.toAbsolutePath());
    if (blank(o.bucket)) {
      return local;
    }
    Destination s3 =
        new S3Destination(
            s3Client,
            o.bucket,
            encryption,
            job.retrier(),
            dialect,
            o.uploadConcurrency,
            job.log()::warn);
    return local == null ? s3 : new BothDestinations(s3, local);
  }

  private static S3Encryption encryption(BackupOptions o) {
    if (o.sseKmsKeyId != null) {
      return S3Encryption.kms(o.sseKmsKeyId);
    }
    return switch (o.sse.toLowerCase(Locale.ROOT)) {
      case "aes256" -> S3Encryption.s3Managed();
      case "aws:kms" -> new S3Encryption(ServerSideEncryption.AWS_KMS, null);
      case "none" -> S3Encryption.none();
      default ->
          throw new IllegalArgumentException("'" + o.sse + "' is not one of AES256, aws:kms, none");
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * The largest part the heap can hold while uploads are in flight: for each table backed up at
   * once, one part filling, one sealed, one held back, and {@code uploads} uploading.
   */
  static int maxPartSize(int partSize, int uploads, int tablesAtOnce) {
    long free = Runtime.getRuntime().maxMemory() - HEAP_RESERVE;
    long perPart = free / ((long) tablesAtOnce * (uploads + 3));
    return (int) Math.max(partSize, Math.min(MAX_PART_BYTES, perPart));
  }
}
