package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.verify.VerifyJob;
import io.dynamodbbackup.verify.VerifyPlan;
import io.dynamodbbackup.verify.VerifyResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup verify}: checks a backup against its manifest, and a live table. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check a backup against its manifest: the SHA-256 of its bytes (an AWS export: each file's"
          + " MD5), its item count, and that every line parses as an item. With -t, also compare"
          + " it with a live table.",
    },
    footer = {
      "",
      "Exit status: 0 every check passed, 1 a check failed (one line on stderr names the check,"
          + " the file and line), 2 usage error."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin VerifyOptions verify;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  VerifyCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), source, verify, output, aws, context);
  }

  static int run(
      CommandLine cmd,
      SourceOptions sourceOptions,
      VerifyOptions o,
      OutputOptions output,
      AwsOptions aws,
      ToolContext context) {
    List<BackupSource> named = BackupSource.named(cmd, sourceOptions);
    // A table scan is not free: compare only with a table named on the command line, never with
    // the one $TABLE_NAME names for backups.
    String table = cmd.getParseResult().hasMatchedOption("--table") ? o.table : null;
    if (!BackupSource.single(sourceOptions, named)) {
      if (table != null) {
        throw new ParameterException(
            cmd, "-t/--table names one table to compare with; give one backup with it");
      }
      // Each backup on its own, one after another; a failure leaves the others be.
      return ManySources.open(
          cmd,
          "verify options",
          named,
          sourceOptions,
          output,
          aws,
          context,
          (first, run) -> plan(first, null, o, run.clients(), run.job().retrier()),
          run ->
              run.runEach(
                  "verified",
                  output.json(),
                  (from, one) -> {
                    long began = one.clock().nanoTime();
                    VerifyResult r =
                        new VerifyJob(one).run(plan(from, null, o, run.clients(), one.retrier()));
                    return new ManySources.Outcome(
                        r.source(),
                        "OK",
                        null,
                        r.items(),
                        null,
                        ManySources.seconds(one, began),
                        null);
                  }));
    }
    BackupSource from = named.get(0);
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients, output)) {
      VerifyPlan plan =
          valid(cmd, "verify options", () -> plan(from, table, o, clients, job.retrier()));
      VerifyResult result =
          Json.failureAsJson(output, context.out(), () -> new VerifyJob(job).run(plan));
      context
          .out()
          .println(
              output.json()
                  ? Json.write(ResultJson.of(result, plan.full()))
                  : summary(result, plan.full()));
      return ExitCodes.OK;
    }
  }

  private static VerifyPlan plan(
      BackupSource from, String table, VerifyOptions o, AwsClients clients, Retrier retrier) {
    return new VerifyPlan(
        from.open(clients, retrier),
        from.key(),
        table,
        o.full,
        o.segments,
        o.consistentRead,
        o.maxRcu,
        o.quick);
  }

  /** E.g. {@code verified s3://b/k: 604 items, sha256 ok, every line parses; table users: ...}. */
  static String summary(VerifyResult r, boolean full) {
    if (!r.storeChecks().isEmpty()) {
      return String.format(
          Locale.ROOT,
          "verified %s (quick): %s as the manifest records; %d items by the manifest, not read",
          r.source(),
          String.join(", ", r.storeChecks()),
          r.items());
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "verified %s: %d %s%s, %s, every line parses%s",
                r.source(),
                r.items(),
                r.chain() == null ? "items" : "items and changes",
                r.files() == 1 ? "" : " in " + r.files() + " files",
                r.digestAlgorithm() == null
                    ? r.countsOnly()
                    : r.digestAlgorithm().toLowerCase(Locale.ROOT).replace("-", "") + " ok",
                r.chain() == null ? "" : "; a chain of " + r.chain()));
    if (r.table() != null) {
      line.append(String.format(Locale.ROOT, "; table %s: %d items", r.table(), r.tableItems()));
      if (full) {
        line.append(", every item equal");
      }
    }
    return line.toString();
  }

  /** A verification that passed, as JSON: what its summary line says. */
  record ResultJson(
      String status,
      String source,
      boolean quick,
      int files,
      long items,
      String digest,
      List<String> storeChecks,
      String table,
      Long tableItems,
      Long itemsCompared,
      double seconds,
      double consumedReadCapacity) {

    static ResultJson of(VerifyResult r, boolean full) {
      boolean quick = !r.storeChecks().isEmpty();
      return new ResultJson(
          "OK",
          r.source(),
          quick,
          r.files(),
          r.items(),
          quick ? null : r.digestAlgorithm(),
          r.storeChecks(),
          r.table(),
          r.tableItems(),
          full ? r.itemsCompared() : null,
          Json.seconds(r.duration()),
          r.consumedReadCapacity());
    }
  }
}
