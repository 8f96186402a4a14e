package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.backup.BackupJob;
import io.dynamodbbackup.backup.BackupPlan;
import io.dynamodbbackup.backup.BackupResult;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.BothDestinations;
import io.dynamodbbackup.store.Destination;
import io.dynamodbbackup.store.LocalDestination;
import io.dynamodbbackup.store.S3Destination;
import io.dynamodbbackup.store.S3Dialect;
import io.dynamodbbackup.store.S3Encryption;
import java.util.Locale;
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
    description = "Back up a DynamoDB table to one file in S3 (or a local folder).")
final class BackupCommand implements Callable<Integer> {

  private static final int UPLOAD_THREADS_MAX = 32;

  /** Java arrays end just below 2 GiB; S3 parts at 5 GiB. */
  private static final int MAX_PART_BYTES = Integer.MAX_VALUE - 8;

  /** Heap kept for everything but the parts: scan chunks, pages in flight, the JVM's own. */
  private static final long HEAP_RESERVE = 96L << 20;

  @Spec CommandSpec spec;
  @Mixin BackupOptions backup;
  @Mixin ExportOptions export;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  BackupCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), backup, export, aws, context);
  }

  /** Checks the options, runs the backup and prints its summary; the root command runs it too. */
  static int run(
      CommandLine cmd, BackupOptions o, ExportOptions export, AwsOptions aws, ToolContext context) {
    if (blank(o.table)) {
      throw new ParameterException(cmd, "Missing table: give -t/--table or set TABLE_NAME");
    }
    if (export.engine == ExportOptions.Engine.export) {
      return ExportBackupRun.run(
          cmd, o, export, valid(cmd, "--sse", () -> encryption(o)), aws, context);
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
    if (o.uploadConcurrency < 1 || o.uploadConcurrency > UPLOAD_THREADS_MAX) {
      throw new ParameterException(
          cmd,
          "--upload-concurrency must be 1 to "
              + UPLOAD_THREADS_MAX
              + ", was "
              + o.uploadConcurrency);
    }

    int partSize = (int) Math.min(MAX_PART_BYTES, (long) o.partSizeMb * 1024 * 1024);
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients)) {
      Destination destination = destination(o, clients.s3(), aws.s3Dialect(), job, encryption);
      BackupPlan plan =
          valid(
              cmd,
              "backup options",
              () ->
                  new BackupPlan(
                      o.table,
                      clients.region().id(),
                      o.prefix,
                      destination,
                      format,
                      o.encode,
                      compression,
                      o.segments,
                      o.pageSize,
                      o.consistentRead,
                      o.readCapacityPercent,
                      o.maxRcu,
                      partSize,
                      maxPartSize(partSize, o.uploadConcurrency),
                      !o.noFinalNewline));
      BackupJob backupJob = new BackupJob(job, VersionProvider.version());
      BackupResult result = backupJob.run(plan);
      context
          .out()
          .println(
              String.format(
                  Locale.ROOT,
                  "backed up %d items (%d bytes) of table %s in %.1f s to %s",
                  result.items(),
                  result.bytes(),
                  o.table,
                  result.duration().toMillis() / 1000.0,
                  result.uri()));
      return ExitCodes.OK;
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
   * The largest part the heap can hold while uploads are in flight: one part filling, one sealed,
   * one held back, and {@code uploads} uploading.
   */
  static int maxPartSize(int partSize, int uploads) {
    long free = Runtime.getRuntime().maxMemory() - HEAP_RESERVE;
    long perPart = free / (uploads + 3);
    return (int) Math.max(partSize, Math.min(MAX_PART_BYTES, perPart));
  }
}
