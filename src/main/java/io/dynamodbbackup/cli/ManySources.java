package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/**
 * A restore or verify of several backups: each runs as its own job, one after another (each restore
 * already writes with many threads), and one failing does not stop the others. Every backup ends as
 * an {@link Outcome}; the report lists them all and the exit status is 1 if any failed. A stopping
 * process ends the job running and starts no other.
 */
final class ManySources {

  /** One backup's job: what it did, as the report shows it. */
  interface Job {
    Outcome run(BackupSource from, JobContext job);
  }

  /**
   * How one backup's job ended, as JSON.
   *
   * @param source the backup, or the selection that found none
   * @param status {@code OK}, {@code REJECTED} (a restore that left items in the reject file),
   *     {@code FAILED} or {@code NOT_STARTED}
   * @param table the table written or named, or null
   * @param items items restored or verified, or null
   * @param rejected items DynamoDB refused (restore), or null
   * @param error the line that says what failed, or null
   */
  record Outcome(
      String source,
      String status,
      String table,
      Long items,
      Long rejected,
      double seconds,
      String error) {

    static Outcome failed(String source, String error, double seconds) {
      return new Outcome(source, "FAILED", null, null, null, seconds, error);
    }

    boolean ok() {
      return status.equals("OK");
    }
  }

  /** Several backups as JSON: each one, then the totals. */
  record RunJson(
      String status,
      int sourcesOk,
      int sourcesFailed,
      long items,
      double seconds,
      List<Outcome> sources) {}

  /**
   * What a many-backup command works with: every source by the name the report gives it (named
   * ones, then those {@code --latest} found; null where it found none), the clients and the job.
   */
  record Run(
      Map<String, BackupSource> sources,
      AwsClients clients,
      JobContext job,
      long startNanos,
      ToolContext context) {

    /** Runs {@code each} for every source, then prints the report; returns the exit status. */
    int runEach(String verb, boolean json, Job each) {
      List<Outcome> outcomes =
          ManySources.run(
              sources, job, "no complete backup under the --latest location of table ", each);
      return report(
          outcomes, Duration.ofNanos(context.clock().nanoTime() - startNanos), verb, json, context);
    }
  }

  private ManySources() {}

  /**
   * Opens the clients, finds every source, checks the command's options once against the first (so
   * that a wrong option is a usage error before any job), then runs {@code body}.
   */
  static int open(
      CommandLine cmd,
      String checked,
      List<BackupSource> named,
      SourceOptions options,
      OutputOptions output,
      AwsOptions aws,
      ToolContext context,
      BiFunction<BackupSource, Run, ?> plan,
      ToIntFunction<Run> body) {
    long start = context.clock().nanoTime();
    try (AwsClients clients = new AwsClients(aws, context);
        JobContext job = context.openJob(aws, clients, output)) {
      Map<String, BackupSource> all = new LinkedHashMap<>();
      named.forEach(from -> all.put(from.describe(), from));
      all.putAll(BackupSource.latest(options, clients, job.retrier(), job.log()::warn));
      Run run = new Run(all, clients, job, start, context);
      all.values().stream()
          .filter(Objects::nonNull)
          .findFirst()
          .ifPresent(first -> valid(cmd, checked, () -> plan.apply(first, run)));
      return body.applyAsInt(run);
    }
  }

  /**
   * Runs {@code job} for each source in turn; a null source (a table {@code --latest} named that
   * has no complete backup) fails with {@code missing}'s line.
   *
   * @param sources each source, by what the report calls it
   */
  static List<Outcome> run(
      Map<String, BackupSource> sources, JobContext context, String missing, Job job) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, BackupSource> entry : sources.entrySet()) {
      String name = entry.getKey();
      BackupSource from = entry.getValue();
      if (Thread.currentThread().isInterrupted()) {
        outcomes.add(
            new Outcome(
                name,
                "NOT_STARTED",
                null,
                null,
                null,
                0,
                name + ": not started, the process is stopping"));
        continue;
      }
      if (from == null) {
        outcomes.add(Outcome.failed(name, missing + name, 0));
        continue;
      }
      long start = context.clock().nanoTime();
      try (JobContext one = context.forTable(name, true, true)) {
        outcomes.add(job.run(from, one));
      } catch (JobFailedException e) {
        outcomes.add(Outcome.failed(name, e.getMessage(), seconds(context, start)));
      } catch (RuntimeException e) {
        outcomes.add(
            Outcome.failed(
                name, name + ": failed: " + JobFailedException.reason(e), seconds(context, start)));
      }
    }
    return outcomes;
  }

  /**
   * Prints each outcome and the totals (or the same as one JSON object), each failure's line on
   * standard error; returns the exit status.
   *
   * @param verb {@code restored} or {@code verified}
   */
  static int report(
      List<Outcome> outcomes, Duration took, String verb, boolean json, ToolContext context) {
    PrintWriter out = context.out();
    long items = 0;
    int failed = 0;
    for (Outcome o : outcomes) {
      if (o.items() != null) {
        items += o.items();
      }
      if (!o.ok()) {
        failed++;
        context.err().println("dynamodb-backup: error: " + o.error());
      }
    }
    if (json) {
      out.println(
          Json.write(
              new RunJson(
                  failed == 0 ? "OK" : "FAILED",
                  outcomes.size() - failed,
                  failed,
                  items,
                  Json.seconds(took),
                  outcomes)));
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("TABLE", "STATUS", "ITEMS", "REJECTED", "SECONDS", "SOURCE"));
      for (Outcome o : outcomes) {
        rows.add(
            List.of(
                o.table() == null ? "-" : o.table(),
                o.status(),
                o.items() == null ? "-" : Long.toString(o.items()),
                o.rejected() == null ? "-" : Long.toString(o.rejected()),
                String.format(Locale.ROOT, "%.1f", o.seconds()),
                o.source()));
      }
      Columns.print(rows, Set.of(2, 3, 4), out);
      out.println(
          String.format(
              Locale.ROOT,
              "%s %d of %d backups, %d items, in %.1f s%s",
              verb,
              outcomes.size() - failed,
              outcomes.size(),
              items,
              took.toMillis() / 1000.0,
              failed == 0 ? "" : "; " + failed + " failed"));
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static double seconds(JobContext context, long startNanos) {
    return (context.clock().nanoTime() - startNanos) / 1e9;
  }
}
