package io.dynamodbbackup.cli;

import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.verify.VerifyJob;
import io.dynamodbbackup.verify.VerifyPlan;
import io.dynamodbbackup.verify.VerifyResult;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns verify options into a plan, runs the verify job and prints its one-line summary. */
final class VerifyRunner {

  private VerifyRunner() {}

  static int run(
      CommandLine cmd,
      SourceOptions sourceOptions,
      VerifyOptions o,
      AwsOptions aws,
      ToolContext context) {
    BackupSource from = BackupSource.of(cmd, sourceOptions);
    // A table scan is not free: compare only with a table named on the command line, never with
    // the one $TABLE_NAME names for backups.
    String table = cmd.getParseResult().hasMatchedOption("--table") ? o.table : null;
    try (Session session = new Session(aws, context)) {
      ObjectSource source = from.open(session);
      VerifyPlan plan;
      try {
        plan =
            new VerifyPlan(
                source, from.key(), table, o.full, o.segments, o.consistentRead, o.maxRcu);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cmd, "Invalid verify options: " + e.getMessage());
      }
      VerifyJob job = new VerifyJob(session.jobContext(context));
      context.out().println(summary(job.run(plan), plan.full()));
      return ExitCodes.OK;
    }
  }

  /** E.g. {@code verified s3://b/k: 604 items, sha256 ok, every line parses; table users: ...}. */
  static String summary(VerifyResult r, boolean full) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "verified %s: %d items%s, %s ok, every line parses",
                r.source(),
                r.items(),
                r.files() == 1 ? "" : " in " + r.files() + " files",
                r.digestAlgorithm().toLowerCase(Locale.ROOT).replace("-", "")));
    if (r.table() != null) {
      line.append(String.format(Locale.ROOT, "; table %s: %d items", r.table(), r.tableItems()));
      if (full) {
        line.append(", every item equal");
      }
    }
    return line.toString();
  }
}
