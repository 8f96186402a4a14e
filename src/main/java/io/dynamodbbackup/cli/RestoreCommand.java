package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.restore.RestoreJob;
import io.dynamodbbackup.restore.RestorePlan;
import io.dynamodbbackup.restore.RestoreResult;
import io.dynamodbbackup.store.ObjectSource;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup restore}: writes a backup's items into a table. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Restore a backup (this tool's, the original tool's, or an AWS export) into a DynamoDB table.",
    },
    footer = {
      "",
      "Exit status: 0 every item written, 1 failed or items rejected (see --reject-file),"
          + " 2 usage error."
    })
final class RestoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin RestoreOptions restore;
  @Mixin RestoreEngineOptions engine;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  RestoreCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), source, restore, engine, aws, context);
  }

  static int run(
      CommandLine cmd,
      SourceOptions sourceOptions,
      RestoreOptions o,
      RestoreEngineOptions engine,
      AwsOptions aws,
      ToolContext context) {
    BackupSource from = BackupSource.of(cmd, sourceOptions);
    // Only a table named on the command line: $TABLE_NAME names the table a task backs up, and a
    // restore must never pick a production table from the environment.
    String table = cmd.getParseResult().hasMatchedOption("--table") ? o.table : null;
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients)) {
      ObjectSource source = from.open(clients, job.retrier());
      String key = from.key();
      RestorePlan plan =
          valid(
              cmd,
              "restore options",
              () ->
                  new RestorePlan(
                      source,
                      key,
                      table,
                      o.createTable,
                      o.billingMode,
                      o.allowExistingItems,
                      o.writeCapacityPercent,
                      o.maxWcu,
                      o.writers,
                      o.rejectFile,
                      from.restoreState(clients, job.retrier()),
                      o.resume,
                      engine.engine == RestoreEngineOptions.Engine.import_
                          ? RestorePlan.Engine.IMPORT
                          : RestorePlan.Engine.WRITE,
                      from.s3() == null ? null : from.s3().bucket(),
                      engine.toTime));
      RestoreResult result = new RestoreJob(job).run(plan);
      if (plan.engine() == RestorePlan.Engine.IMPORT) {
        context
            .out()
            .println(
                String.format(
                    Locale.ROOT,
                    "imported %d items into the new table %s in %.1f s with AWS Import from S3"
                        + " (no write capacity used), from %s",
                    result.items(),
                    result.table(),
                    result.duration().toMillis() / 1000.0,
                    result.source()));
        return ExitCodes.OK;
      }
      context
          .out()
          .println(
              String.format(
                  Locale.ROOT,
                  "restored %d items (%d rejected) into table %s in %.1f s, %.1f WCU consumed,"
                      + " from %s%s%s",
                  result.items(),
                  result.rejected(),
                  result.table(),
                  result.duration().toMillis() / 1000.0,
                  result.consumedWriteCapacity(),
                  result.source(),
                  result.restoredTo() == null
                      ? ""
                      : "; the table holds its state as of " + result.restoredTo(),
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
}
