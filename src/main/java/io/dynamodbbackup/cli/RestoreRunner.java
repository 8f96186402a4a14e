package io.dynamodbbackup.cli;

import io.dynamodbbackup.restore.RestoreJob;
import io.dynamodbbackup.restore.RestorePlan;
import io.dynamodbbackup.restore.RestoreResult;
import io.dynamodbbackup.store.ObjectSource;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns restore options into a plan, runs the restore job and prints its one-line summary. */
final class RestoreRunner {

  private RestoreRunner() {}

  static int run(
      CommandLine cmd,
      SourceOptions sourceOptions,
      RestoreOptions o,
      AwsOptions aws,
      ToolContext context) {
    BackupSource from = BackupSource.of(cmd, sourceOptions);
    try (Session session = new Session(aws, context)) {
      ObjectSource source = from.open(session);
      String key = from.key();
      RestorePlan plan =
          parse(
              cmd,
              () ->
                  new RestorePlan(
                      source,
                      key,
                      o.table,
                      o.createTable,
                      o.billingMode,
                      o.allowExistingItems,
                      o.writeCapacityPercent,
                      o.maxWcu,
                      o.writers,
                      o.rejectFile));
      RestoreJob job = new RestoreJob(session.jobContext(context));
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
