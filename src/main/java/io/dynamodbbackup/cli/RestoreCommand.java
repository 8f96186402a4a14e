package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.restore.RestoreEstimate;
import io.dynamodbbackup.restore.RestoreJob;
import io.dynamodbbackup.restore.RestorePlan;
import io.dynamodbbackup.restore.RestoreResult;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.store.ObjectSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
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
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  RestoreCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), source, restore, engine, output, aws, context);
  }

  static int run(
      CommandLine cmd,
      SourceOptions sourceOptions,
      RestoreOptions o,
      RestoreEngineOptions engine,
      OutputOptions output,
      AwsOptions aws,
      ToolContext context) {
    List<BackupSource> named = BackupSource.named(cmd, sourceOptions);
    if (o.dryRun && engine.engine == RestoreEngineOptions.Engine.import_) {
      throw new ParameterException(
          cmd, "--dry-run estimates --engine write; an import uses no write capacity");
    }
    // Only a table named on the command line: $TABLE_NAME names the table a task backs up, and a
    // restore must never pick a production table from the environment.
    String table = cmd.getParseResult().hasMatchedOption("--table") ? o.table : null;
    if (!BackupSource.single(sourceOptions, named)) {
      if (table != null) {
        throw new ParameterException(
            cmd,
            "-t/--table names one table; with several backups each goes to the table it names");
      }
      if (o.rejectFile != null) {
        throw new ParameterException(
            cmd,
            "--reject-file names one file; with several backups each table's rejects go to"
                + " <table>.rejected.jsonl");
      }
      // Each backup on its own, one after another; a failure leaves the others be.
      return ManySources.open(
          cmd,
          "restore options",
          named,
          sourceOptions,
          output,
          aws,
          context,
          (first, run) -> plan(first, null, o, engine, run.clients(), run.job().retrier()),
          run ->
              o.dryRun
                  ? dryRunMany(run, o, engine, output.json())
                  : restoreEach(run, o, engine, output.json()));
    }
    BackupSource from = named.get(0);
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients, output)) {
      ObjectSource source = from.open(clients, job.retrier());
      String key = from.key();
      RestorePlan plan =
          valid(cmd, "restore options", () -> plan(from, table, o, engine, clients, job.retrier()));
      if (o.dryRun) {
        RestoreEstimate estimate;
        try {
          estimate = new RestoreJob(job).estimate(plan);
        } catch (JobFailedException e) {
          estimate = RestoreEstimate.failed(source.uri(key), e.getMessage());
        }
        return new DryRunReport(context, output.json())
            .restore(List.of(estimate), clients.region().id());
      }
      RestoreResult result =
          Json.failureAsJson(output, context.out(), () -> new RestoreJob(job).run(plan));
      context
          .out()
          .println(
              output.json() ? Json.write(ResultJson.of(result)) : summary(result, plan.engine()));
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

  private static int dryRunMany(
      ManySources.Run run, RestoreOptions o, RestoreEngineOptions engine, boolean json) {
    List<RestoreEstimate> estimates = new ArrayList<>();
    run.sources()
        .forEach(
            (name, from) -> {
              try (JobContext one = run.job().forTable(name, true, false)) {
                if (from == null) {
                  throw new JobFailedException(
                      "no complete backup under the --latest location of table " + name, null);
                }
                estimates.add(
                    new RestoreJob(one)
                        .estimate(plan(from, null, o, engine, run.clients(), one.retrier())));
              } catch (JobFailedException e) {
                estimates.add(RestoreEstimate.failed(name, e.getMessage()));
              }
            });
    return new DryRunReport(run.context(), json).restore(estimates, run.clients().region().id());
  }

  private static int restoreEach(
      ManySources.Run run, RestoreOptions o, RestoreEngineOptions engine, boolean json) {
    return run.runEach(
        "restored",
        json,
        (from, one) -> {
          long began = one.clock().nanoTime();
          RestoreResult r =
              new RestoreJob(one).run(plan(from, null, o, engine, run.clients(), one.retrier()));
          return new ManySources.Outcome(
              r.source(),
              r.rejected() == 0 ? "OK" : "REJECTED",
              r.table(),
              r.items(),
              r.rejected(),
              ManySources.seconds(one, began),
              r.rejected() == 0
                  ? null
                  : "DynamoDB refused "
                      + r.rejected()
                      + " items of "
                      + r.source()
                      + " as invalid; they are in "
                      + r.rejectFile());
        });
  }

  private static RestorePlan plan(
      BackupSource from,
      String table,
      RestoreOptions o,
      RestoreEngineOptions engine,
      AwsClients clients,
      Retrier retrier) {
    return new RestorePlan(
        from.open(clients, retrier),
        from.key(),
        table,
        o.createTable,
        o.billingMode,
        o.allowExistingItems,
        o.writeCapacityPercent,
        o.maxWcu,
        o.writers,
        o.rejectFile,
        from.restoreState(clients, retrier),
        o.resume,
        engine.engine == RestoreEngineOptions.Engine.import_
            ? RestorePlan.Engine.IMPORT
            : RestorePlan.Engine.WRITE,
        from.s3() == null ? null : from.s3().bucket(),
        engine.toTime);
  }

  /** E.g. {@code restored 604 items (0 rejected) into table users in 3.1 s, ... from s3://b/k}. */
  static String summary(RestoreResult result, RestorePlan.Engine engine) {
    if (engine == RestorePlan.Engine.IMPORT) {
      return String.format(
          Locale.ROOT,
          "imported %d items into the new table %s in %.1f s with AWS Import from S3 (no write"
              + " capacity used), from %s",
          result.items(),
          result.table(),
          result.duration().toMillis() / 1000.0,
          result.source());
    }
    return String.format(
        Locale.ROOT,
        "restored %d items (%d rejected) into table %s in %.1f s, %.1f WCU consumed, from %s%s%s",
        result.items(),
        result.rejected(),
        result.table(),
        result.duration().toMillis() / 1000.0,
        result.consumedWriteCapacity(),
        result.source(),
        result.restoredTo() == null
            ? ""
            : "; the table holds its state as of " + result.restoredTo(),
        result.rejectFile() == null ? "" : "; rejected items are in " + result.rejectFile());
  }

  /** A restore as JSON: what its summary line says. */
  record ResultJson(
      String status,
      String table,
      String source,
      long items,
      long rejected,
      String rejectFile,
      double seconds,
      double consumedWriteCapacity,
      long retries) {

    static ResultJson of(RestoreResult r) {
      return new ResultJson(
          r.rejected() == 0 ? "OK" : "REJECTED",
          r.table(),
          r.source(),
          r.items(),
          r.rejected(),
          r.rejectFile() == null ? null : r.rejectFile().toString(),
          Json.seconds(r.duration()),
          r.consumedWriteCapacity(),
          r.retries());
    }
  }
}
