package io.dynamodbbackup.cli;

import io.dynamodbbackup.backup.BackupJob;
import io.dynamodbbackup.backup.BackupPlan;
import io.dynamodbbackup.backup.BackupResult;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.BothDestinations;
import io.dynamodbbackup.store.Destination;
import io.dynamodbbackup.store.LocalDestination;
import io.dynamodbbackup.store.S3Destination;
import io.dynamodbbackup.store.S3Encryption;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Turns backup options into a plan, runs the backup job and prints its one-line summary. */
final class BackupRunner {

  private static final int UPLOAD_THREADS_MAX = 32;

  private BackupRunner() {}

  static int run(CommandLine cmd, BackupOptions o, AwsOptions aws, ToolContext context) {
    if (blank(o.table)) {
      throw new ParameterException(cmd, "Missing table: give -t/--table or set TABLE_NAME");
    }
    if (blank(o.bucket) && o.outputDir == null) {
      throw new ParameterException(
          cmd, "Missing destination: give -b/--bucket (or set BACKUP_FILE_BUCKET) or --output-dir");
    }
    FileFormat format = parse(cmd, "--format", () -> FileFormat.fromCliName(o.format));
    Compression compression =
        o.compress == null
            ? format.defaultCompression()
            : parse(cmd, "--compress", () -> Compression.fromCliName(o.compress));
    S3Encryption encryption = parse(cmd, "--sse", () -> encryption(o));
    if (o.uploadConcurrency < 1 || o.uploadConcurrency > UPLOAD_THREADS_MAX) {
      throw new ParameterException(
          cmd,
          "--upload-concurrency must be 1 to "
              + UPLOAD_THREADS_MAX
              + ", was "
              + o.uploadConcurrency);
    }

    try (Session session = new Session(aws, context)) {
      Destination destination = destination(o, session, encryption);
      BackupPlan plan =
          parse(
              cmd,
              "backup options",
              () ->
                  new BackupPlan(
                      o.table,
                      session.region(),
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
                      (int) Math.min(Integer.MAX_VALUE - 8, (long) o.partSizeMb * 1024 * 1024),
                      !o.noFinalNewline));
      BackupJob job = new BackupJob(session.jobContext(context), VersionProvider.version());
      BackupResult result = job.run(plan);
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
      BackupOptions o, Session session, S3Encryption encryption) {
    Destination local =
        o.outputDir == null ? null : new LocalDestination(o.outputDir.toAbsolutePath());
    if (blank(o.bucket)) {
      return local;
    }
    Destination s3 =
        new S3Destination(
            session.aws.s3(),
            o.bucket,
            encryption,
            session.retrier,
            o.uploadConcurrency,
            session.log::warn);
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

  private static <T> T parse(CommandLine cmd, String option, java.util.function.Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "Invalid " + option + ": " + e.getMessage());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
