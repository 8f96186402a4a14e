package io.dynamodbbackup.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where backups are read from: S3 URIs, a bucket and key, local files or folders, or the newest
 * backup of each table a pattern selects in a bucket or folder, as {@code list} shows them.
 */
final class SourceOptions {

  @Parameters(
      index = "0",
      arity = "0..*",
      paramLabel = "S3_URI",
      description =
          "The backup as s3://bucket/key, its manifest, an AWS export folder"
              + " s3://bucket/.../AWSDynamoDB/<export-id>/ or a dynamodump table folder"
              + " s3://bucket/.../<table>/; several may be given.")
  List<String> uris;

  @Option(
      names = {"-b", "--bucket"},
      paramLabel = "BUCKET",
      description = "S3 bucket holding the backup (with --key).")
  String bucket;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "S3 key of the backup (with --bucket).")
  String key;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description =
          "A local backup file, a local AWS export folder ending in the export id, or a"
              + " dynamodump table folder; may repeat.")
  List<Path> files;

  @Option(
      names = "--latest",
      paramLabel = "PATTERN",
      split = ",",
      description =
          "The newest complete backup of each table this name or shell-style pattern matches,"
              + " among the backups `list` shows under -b BUCKET (or --dir DIR) and --prefix; may"
              + " repeat.")
  List<String> latest;

  @Option(
      names = "--prefix",
      paramLabel = "P",
      description = "With --latest: the prefix the backups were written under (default: none).")
  String prefix;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "With --latest: a local folder of backups, as backup --output-dir writes it.")
  Path dir;
}
