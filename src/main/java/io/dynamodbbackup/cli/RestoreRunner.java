package io.dynamodbbackup.cli;

import io.dynamodbbackup.RestoreJob;
import io.dynamodbbackup.RestorePlan;
import io.dynamodbbackup.RestoreResult;
import io.dynamodbbackup.store.LocalObjectSource;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.S3Location;
import io.dynamodbbackup.store.S3ObjectSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns restore options into a plan, runs the restore job and prints its one-line summary. */
final class RestoreRunner {

  private RestoreRunner() {}

  static int run(CommandLine cmd, RestoreOptions o, AwsOptions aws, ToolContext context) {
    int sources = (o.uri != null ? 1 : 0) + (o.file != null ? 1 : 0) + (o.key != null ? 1 : 0);
    if (sources != 1) {
      throw new ParameterException(
          cmd,
          "Give exactly one source: an s3://bucket/key URI, --bucket with --key, or --file PATH");
    }
    S3Location s3Location = null;
    if (o.uri != null) {
      s3Location =
          S3Location.parse(o.uri)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          cmd, "Invalid source '" + o.uri + "': expected s3://bucket/key"));
    } else if (o.key != null) {
      if (o.bucket == null || o.bucket.isBlank()) {
        throw new ParameterException(cmd, "--key needs -b/--bucket");
      }
      s3Location = new S3Location(o.bucket, o.key);
    }
    if (o.file != null && !Files.exists(o.file)) {
      throw new ParameterException(cmd, "Invalid --file: " + o.file + " does not exist");
    }

    try (Session session = new Session(aws, context)) {
      ObjectSource source;
      String key;
      if (s3Location != null) {
        source = new S3ObjectSource(session.aws.s3(), s3Location.bucket(), session.retrier);
        key = s3Location.key();
      } else if (Files.isDirectory(o.file)) {
        source = new LocalObjectSource(o.file);
        key = "";
      } else {
        Path file = o.file.toAbsolutePath();
        source = new LocalObjectSource(file.getParent());
        key = file.getFileName().toString();
      }
      ObjectSource s = source;
      String k = key;
      RestorePlan plan =
          parse(
              cmd,
              () ->
                  new RestorePlan(
                      s,
                      k,
                      o.table,
                      o.createTable,
                      o.billingMode,
                      o.allowExistingItems,
                      o.writeCapacityPercent,
                      o.maxWcu,
                      o.writers,
                      o.rejectFile));
      RestoreJob job =
          new RestoreJob(
              session.aws.dynamo(),
              session.retrier,
              context.clock(),
              session.log,
              context.progressInterval(),
              context.terminal());
      RestoreResult result = job.run(plan);
      context
          .out()
          .println(
              String.format(
                  Locale.ROOT,
                  "restored %d items (%d rejected) into table %s in %.1f s, %.1f WCU consumed,"
                      + " from %s%s",
                  result.items(),
                  result.rejected(),
                  result.table(),
                  result.duration().toMillis() / 1000.0,
                  result.consumedWriteCapacity(),
                  result.source(),
                  result.rejectFile() == null
                      ? ""
                      : "; rejected items are in " + result.rejectFile()));
      if (result.rejected() > 0) {
        context
            .err()
            .println(
                "dynamodb-backup: error: DynamoDB refused "
                    + result.rejected()
                    + " items as invalid; they are in "
                    + result.rejectFile()
                    + " with the reason for each");
        return ExitCodes.FAILED;
      }
      return ExitCodes.OK;
    }
  }

  private static <T> T parse(CommandLine cmd, Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "Invalid restore options: " + e.getMessage());
    }
  }
}
