package io.dynamodbbackup.cli;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.list.BackupListing;
import io.dynamodbbackup.list.ListJob;
import io.dynamodbbackup.store.LocalObjectSource;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.S3ObjectSource;
import io.dynamodbbackup.store.UnfinishedWrite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup list}: the backups in a bucket or folder, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "List the backups under a bucket (or a prefix, or one table's folder) or a local folder,"
          + " newest first, each marked COMPLETE only when its manifest exists and parses.",
    },
    footer = {"", "Exit status: 0 listed (even none), 1 failed, 2 usage error."})
final class ListCommand implements Callable<Integer> {

  /** How the listing is printed. */
  enum Output {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-b", "--bucket"},
      paramLabel = "BUCKET",
      description = "S3 bucket to list (default: $BACKUP_FILE_BUCKET).")
  String bucket;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "A local folder to list instead, as written by backup --output-dir.")
  Path dir;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "The prefix the backups were written under (default: none).")
  String prefix;

  @Option(
      names = {"-t", "--table"},
      paramLabel = "TABLE",
      description = "Only this table's backups. Only when given on the command line.")
  String table;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (aligned columns) or json (an array, for scripts); default: text.")
  Output output;

  @Option(
      names = "--cleanup",
      paramLabel = "AGE",
      converter = DurationConverter.class,
      description =
          "First discard the writes that never finished and began more than AGE ago (e.g. 24h):"
              + " multipart uploads of killed backups, or a folder's .partial files. A running"
              + " backup's upload is younger than its run, so give an AGE longer than any run.")
  Duration cleanup;

  @Mixin AwsOptions aws;

  private final ToolContext context;

  ListCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(spec.commandLine(), this, aws, context);
  }

  private static final List<String> HEADER =
      List.of("STARTED", "TABLE", "ITEMS", "SIZE", "FORMAT", "STATUS", "URI");

  private static int run(CommandLine cmd, ListCommand o, AwsOptions aws, ToolContext context) {
    CommandLine.ParseResult parsed = cmd.getParseResult();
    boolean bucketGiven = parsed.hasMatchedOption("--bucket");
    if (o.dir != null && bucketGiven) {
      throw new ParameterException(cmd, "Give -b/--bucket or --dir, not both");
    }
    if (o.dir == null && (o.bucket == null || o.bucket.isBlank())) {
      throw new ParameterException(
          cmd, "Give -b/--bucket BUCKET (or $BACKUP_FILE_BUCKET) or --dir DIR");
    }
    if (o.dir != null && !Files.isDirectory(o.dir)) {
      throw new ParameterException(cmd, "Invalid --dir: " + o.dir + " is not a folder");
    }
    // Listing one table is a filter a person asks for; $TABLE_NAME names the table to back up.
    String table = parsed.hasMatchedOption("--table") ? o.table : null;
    List<BackupListing> backups;
    if (o.dir != null) {
      ListJob list =
          new ListJob(
              new LocalObjectSource(o.dir),
              w -> context.err().println("dynamodb-backup: warning: " + w));
      backups = cleanupThenList(list, o, table, context);
    } else {
      try (AwsClients clients = new AwsClients(aws, context);
          JobContext job = context.openJob(aws, clients, null)) {
        ObjectSource source = new S3ObjectSource(clients.s3(), o.bucket, job.retrier());
        backups = cleanupThenList(new ListJob(source, job.log()::warn), o, table, context);
      }
    }
    if (o.output == Output.json) {
      context.out().println(Json.write(backups));
    } else {
      text(backups, context.out());
    }
    return ExitCodes.OK;
  }

  private static List<BackupListing> cleanupThenList(
      ListJob list, ListCommand o, String table, ToolContext context) {
    if (o.cleanup != null) {
      Instant before = context.clock().now().minus(o.cleanup);
      for (UnfinishedWrite w : list.cleanup(o.prefix, table, before)) {
        context
            .err()
            .println(
                "dynamodb-backup: discarded "
                    + switch (w.id()) {
                      case UnfinishedWrite.PARTIAL_FILE -> "unfinished file";
                      case UnfinishedWrite.RESTORE_CHECKPOINT ->
                          "the checkpoint of an interrupted restore";
                      default -> "unfinished upload " + w.id();
                    }
                    + " of "
                    + w.key()
                    + ", started "
                    + w.started());
      }
    }
    return list.run(o.prefix, table);
  }

  static void text(List<BackupListing> backups, PrintWriter out) {
    if (backups.isEmpty()) {
      out.println("no backups found");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (BackupListing b : backups) {
      rows.add(
          List.of(
              b.startedAt().toString(),
              b.table(),
              b.items() == null ? "-" : String.format(Locale.ROOT, "%,d", b.items()),
              size(b.bytes()),
              b.compression().equals("none") || "export".equals(b.engine())
                  ? b.format()
                  : b.format() + "+" + b.compression(),
              b.complete()
                  ? Boolean.FALSE.equals(b.verified()) ? "COMPLETE (unverified)" : "COMPLETE"
                  : "INCOMPLETE (" + b.reason() + ")",
              b.uri()));
    }
    Columns.print(rows, Set.of(2, 3), out);
    chains(backups, out);
  }

  /** The chains of incremental exports, each under its base, links oldest first. */
  private static void chains(List<BackupListing> backups, PrintWriter out) {
    Map<String, List<BackupListing>> links = new TreeMap<>();
    for (BackupListing b : backups) {
      if (b.chainBase() != null) {
        links.computeIfAbsent(b.chainBase(), k -> new ArrayList<>()).add(0, b);
      }
    }
    for (var chain : links.entrySet()) {
      BackupListing first = chain.getValue().get(0);
      out.println();
      out.println("chain of " + first.table() + " from the full export " + chain.getKey() + ":");
      for (BackupListing link : chain.getValue()) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %s to %s  %s changes  %s",
                link.exportFrom(),
                link.startedAt(),
                link.items() == null ? "-" : String.format(Locale.ROOT, "%,d", link.items()),
                link.uri()));
      }
    }
  }

  /** Bytes in binary units, e.g. {@code 2.5 MiB}; exact bytes below 1 KiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
