package io.dynamodbbackup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a backup is read from: an S3 URI, a bucket and key, or a local file or folder. */
final class SourceOptions {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "S3_URI",
      description =
          "The backup as s3://bucket/key, its manifest, or an AWS export folder"
              + " s3://bucket/.../AWSDynamoDB/<export-id>/.")
  String uri;

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
      description = "A local backup file, or a local AWS export folder ending in the export id.")
  Path file;
}
