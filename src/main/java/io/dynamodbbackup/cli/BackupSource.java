package io.dynamodbbackup.cli;

import static io.dynamodbbackup.cli.UsageErrors.valid;

import io.dynamodbbackup.TableSelection;
import io.dynamodbbackup.list.BackupListing;
import io.dynamodbbackup.list.ListJob;
import io.dynamodbbackup.retry.Retrier;
import io.dynamodbbackup.store.LocalObjectSource;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.S3Location;
import io.dynamodbbackup.store.S3ObjectSource;
import io.dynamodbbackup.store.StateObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The backup a command reads, checked from its {@link SourceOptions} before any client is built.
 * Exactly one of {@code s3} and {@code file} is set.
 */
record BackupSource(S3Location s3, Path file) {

  /** Where restores keep their checkpoints in a bucket. */
  BackupSource {
    if ((s3 == null) == (file == null)) {
      throw new IllegalArgumentException("give an S3 location or a file, not both or neither");
    }
  }

  /**
   * The sources the options name one by one (URIs, bucket and key, files), checked, naming the
   * wrong one as a usage error; {@code --latest} is resolved later, as it lists a bucket.
   */
  static List<BackupSource> named(CommandLine cmd, SourceOptions o) {
    List<String> uris = o.uris == null ? List.of() : o.uris;
    List<Path> files = o.files == null ? List.of() : o.files;
    boolean latest = o.latest != null && !o.latest.isEmpty();
    if (uris.isEmpty() && files.isEmpty() && o.key == null && !latest) {
      throw new ParameterException(
          cmd,
          "Give a source: an s3://bucket/key URI, --bucket with --key, --file PATH, or --latest"
              + " PATTERN with --bucket or --dir");
    }
    List<BackupSource> sources = new ArrayList<>();
    for (String uri : uris) {
      sources.add(
          new BackupSource(
              S3Location.parse(uri)
                  .orElseThrow(
                      () ->
                          new ParameterException(
                              cmd, "Invalid source '" + uri + "': expected s3://bucket/key")),
              null));
    }
    if (o.key != null) {
      if (o.bucket == null || o.bucket.isBlank()) {
        throw new ParameterException(cmd, "--key needs -b/--bucket");
      }
      sources.add(new BackupSource(new S3Location(o.bucket, o.key), null));
    }
    for (Path file : files) {
      if (!Files.exists(file)) {
        throw new ParameterException(cmd, "Invalid --file: " + file + " does not exist");
      }
      sources.add(new BackupSource(null, file));
    }
    if (latest) {
      if (o.dir == null && (o.bucket == null || o.bucket.isBlank())) {
        throw new ParameterException(
            cmd, "--latest needs -b/--bucket (or $BACKUP_FILE_BUCKET) or --dir");
      }
      if (o.dir != null && !Files.isDirectory(o.dir)) {
        throw new ParameterException(cmd, "Invalid --dir: " + o.dir + " is not a folder");
      }
      valid(cmd, "--latest", () -> TableSelection.of(o.latest, false, List.of(), Map.of()));
    }
    return sources;
  }

  /** Whether the options name exactly one backup, the classic one-source run. */
  static boolean single(SourceOptions o, List<BackupSource> named) {
    return named.size() == 1 && (o.latest == null || o.latest.isEmpty());
  }

  /**
   * The newest complete backup of each table {@code --latest} selects, as {@code list} finds them,
   * in table order; a table selected by name with no complete backup is a failure to report.
   *
   * @return each table's source, or null where it has none
   */
  static Map<String, BackupSource> latest(
      SourceOptions o, AwsClients aws, Retrier retrier, Consumer<String> warnings) {
    Map<String, BackupSource> found = new TreeMap<>();
    if (o.latest == null || o.latest.isEmpty()) {
      return found;
    }
    ObjectSource where =
        o.dir != null
            ? new LocalObjectSource(o.dir.toAbsolutePath())
            : new S3ObjectSource(aws.s3(), o.bucket, retrier);
    Map<String, BackupListing> newest = new LinkedHashMap<>();
    for (BackupListing b : new ListJob(where, warnings).run(o.prefix, null)) {
      if (b.complete()) {
        newest.putIfAbsent(b.table(), b); // the listing is newest first
      }
    }
    TableSelection selection = TableSelection.of(o.latest, false, List.of(), Map.of());
    for (String table : selection.resolve(() -> List.copyOf(newest.keySet()), t -> Map.of())) {
      BackupListing b = newest.get(table);
      found.put(
          table,
          b == null
              ? null
              : o.dir != null
                  ? new BackupSource(null, Path.of(b.uri()))
                  : new BackupSource(S3Location.parse(b.uri()).orElseThrow(), null));
    }
    return found;
  }

  /** The source as a person would paste it. */
  String describe() {
    return s3 != null ? s3.uri() : file.toString();
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
   * Where a restore of this source keeps its checkpoints: in the source's bucket under {@code
   * .dynamodb-backup/restore-state/} (the one prefix the restore role may write), or beside the
   * file or folder; {@code list} finds them there.
   */
  StateObject restoreState(AwsClients aws, Retrier retrier) {
    if (s3 != null) {
      return new S3ObjectSource(aws.s3(), s3.bucket(), retrier).restoreState(s3.key());
    }
    Path absolute = file.toAbsolutePath();
    Path root = absolute.getRoot();
    return new LocalObjectSource(root)
        .restoreState(root.relativize(absolute).toString().replace('\\', '/'));
  }
}
