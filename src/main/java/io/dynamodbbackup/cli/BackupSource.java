package io.dynamodbbackup.cli;

import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.store.LocalObjectSource;
import io.dynamodbbackup.store.LocalStateObject;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.S3Location;
import io.dynamodbbackup.store.S3ObjectSource;
import io.dynamodbbackup.store.S3StateObject;
import io.dynamodbbackup.store.StateObject;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The backup a command reads, checked from its {@link SourceOptions} before any client is built.
 * Exactly one of {@code s3} and {@code file} is set.
 */
record BackupSource(S3Location s3, Path file) {

  /** Where restores keep their checkpoints in a bucket. */
  static final String STATE_PREFIX = ".dynamodb-backup/restore-state/";

  BackupSource {
    if ((s3 == null) == (file == null)) {
      throw new IllegalArgumentException("give an S3 location or a file, not both or neither");
    }
  }

  /** Checks the options, naming the wrong one as a usage error. */
  static BackupSource of(CommandLine cmd, SourceOptions o) {
    int sources = (o.uri != null ? 1 : 0) + (o.file != null ? 1 : 0) + (o.key != null ? 1 : 0);
    if (sources != 1) {
      throw new ParameterException(
          cmd,
          "Give exactly one source: an s3://bucket/key URI, --bucket with --key, or --file PATH");
    }
    if (o.uri != null) {
      return new BackupSource(
          S3Location.parse(o.uri)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          cmd, "Invalid source '" + o.uri + "': expected s3://bucket/key")),
          null);
    }
    if (o.key != null) {
      if (o.bucket == null || o.bucket.isBlank()) {
        throw new ParameterException(cmd, "--key needs -b/--bucket");
      }
      return new BackupSource(new S3Location(o.bucket, o.key), null);
    }
    if (!Files.exists(o.file)) {
      throw new ParameterException(cmd, "Invalid --file: " + o.file + " does not exist");
    }
    return new BackupSource(null, o.file);
  }

  /** Where to read from: the bucket, the folder, or the file system holding the file. */
  ObjectSource open(AwsClients aws, Retrier retrier) {
    if (s3 != null) {
      return new S3ObjectSource(aws.s3(), s3.bucket(), retrier);
    }
    if (Files.isDirectory(file)) {
      return new LocalObjectSource(file);
    }
    // From the file system's root, so that a manifest outside the file's folder (a DynamoDB JSON
    // backup keeps its data in a data/ folder beside the manifest) is found as in a bucket.
    return new LocalObjectSource(file.toAbsolutePath().getRoot());
  }

  /** The key within {@link #open}'s source: the S3 key, empty for a folder, or the file's path. */
  String key() {
    if (s3 != null) {
      return s3.key();
    }
    if (Files.isDirectory(file)) {
      return "";
    }
    Path absolute = file.toAbsolutePath();
    return absolute.getRoot().relativize(absolute).toString().replace('\\', '/');
  }

  /**
   * Where a restore of this source keeps its checkpoints: in the source's bucket under {@value
   * #STATE_PREFIX} (the one prefix the restore role may write), or beside the file or folder.
   */
  StateObject restoreState(AwsClients aws, Retrier retrier) {
    if (s3 != null) {
      return new S3StateObject(aws.s3(), s3.bucket(), STATE_PREFIX + s3.key() + ".json", retrier);
    }
    Path absolute = file.toAbsolutePath();
    return new LocalStateObject(
        absolute.resolveSibling(absolute.getFileName() + ".restore-state.json"));
  }
}
