package io.dynamodbbackup.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a backup: the seed's, plus format, parallelism, rate and upload settings. */
final class BackupOptions {

  @Option(
      names = {"-t", "--table"},
      paramLabel = "TABLE",
      split = ",",
      description =
          "DynamoDB table to back up, or a shell-style pattern of names ('orders-*', '?', [a-z]);"
              + " repeat it or give a comma-separated list (default: $TABLE_NAME, which may be such"
              + " a list, unless --all-tables or --tag is given).")
  List<String> tables;

  @Option(
      names = "--all-tables",
      description = "Back up every table in the region (less those --exclude names).")
  boolean allTables;

  @Option(
      names = "--exclude",
      paramLabel = "PATTERN",
      split = ",",
      description = "Leave out the tables this name or pattern matches; may repeat.")
  List<String> excludes;

  @Option(
      names = "--tag",
      paramLabel = "KEY=VALUE",
      description =
          "Only the tables that carry this tag with this value; may repeat (every tag must"
              + " match). Without -t or --all-tables it chooses among all tables.")
  Map<String, String> tags;

  @Option(
      names = "--dry-run",
      description =
          "Read and write nothing: list the tables selected with their size as DynamoDB reports"
              + " it, the segments, the read budget, the time a scan takes at that budget and the"
              + " on-demand price of its reads.")
  boolean dryRun;

  @Option(
      names = "--table-concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Tables backed up at once, each with its own read budget as --read-capacity-percent and"
              + " --max-rcu say (default: 1).")
  int tableConcurrency;

  @Option(
      names = {"-b", "--bucket"},
      paramLabel = "BUCKET",
      description = "S3 bucket to upload the backup file to (default: $BACKUP_FILE_BUCKET).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Key prefix: the file goes to PREFIX/<table>/<table>_<timestamp>.csv.")
  String prefix;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Also keep a local copy under DIR; without a bucket, back up to DIR only.")
  Path outputDir;

  @Option(
      names = {"-e", "--encode"},
      description = "Write each csv line as Base64 of the item's JSON, as the original tool did.")
  boolean encode;

  @Option(
      names = "--no-final-newline",
      description =
          "End the file without a line feed after the last line, as the original tool did"
              + " (uncompressed files only).")
  boolean noFinalNewline;

  @Option(
      names = "--resume",
      description =
          "Go on with the newest interrupted backup of each table at this bucket (or folder) and"
              + " prefix, after what it stored (repeat the interrupted command line with --resume"
              + " added); with none, start a new backup. A backup run with --resume that fails or"
              + " is stopped keeps its upload and checkpoint for the next --resume.")
  boolean resume;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description =
          "csv (one item per line, the original tool's format) or dynamodb-json (AWS Export to S3"
              + " lines, accepted by AWS Import from S3). Default: csv.")
  String format;

  @Option(
      names = "--compress",
      paramLabel = "ALGORITHM",
      description = "none, gzip or zstd (default: none for csv, gzip for dynamodb-json).")
  String compress;

  @Option(
      names = "--segments",
      paramLabel = "N",
      description = "Parallel scan segments (default: one per GiB of table, at least 4).")
  int segments;

  @Option(
      names = "--page-size",
      paramLabel = "ITEMS",
      description =
          "Items per Scan request (default: about 1 MB of items, less under a read limit).")
  int pageSize;

  @Option(
      names = "--consistent-read",
      description = "Strongly consistent scan (uses twice the read capacity).")
  boolean consistentRead;

  @Option(
      names = "--read-capacity-percent",
      paramLabel = "P",
      defaultValue = "50",
      description = "Share of a provisioned table's read capacity to use (default: 50).")
  double readCapacityPercent;

  @Option(
      names = "--max-rcu",
      paramLabel = "N",
      description =
          "Absolute cap on read capacity units per second; the way to limit on-demand tables.")
  double maxRcu;

  @Option(
      names = "--part-size-mb",
      paramLabel = "MiB",
      defaultValue = "8",
      description = "Size of each uploaded part in MiB, 5 or more (default: 8).")
  int partSizeMb;

  @Option(
      names = "--upload-concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "Parts uploaded at once (default: 4).")
  int uploadConcurrency;

  @Option(
      names = "--sse",
      paramLabel = "MODE",
      defaultValue = "AES256",
      description = "Server-side encryption: AES256, aws:kms or none (default: AES256).")
  String sse;

  @Option(
      names = "--sse-kms-key-id",
      paramLabel = "KEY",
      description = "KMS key for server-side encryption (implies --sse aws:kms).")
  String sseKmsKeyId;
}
