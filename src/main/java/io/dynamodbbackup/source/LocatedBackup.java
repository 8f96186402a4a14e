package io.dynamodbbackup.source;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.schema.TableSchema;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a backup's items are and what its manifest, if any, says about them. Restore and verify
 * both start here, so that they read a key the same way.
 *
 * @param kind what was found at the key
 * @param uri the data object (or export folder) as a person would paste it
 * @param files the data files, in order
 * @param itemCount the items the manifest records, or null without one
 * @param tableName the table the backup names, or null
 * @param schema the table schema the manifest records, or null
 * @param manifest this tool's manifest of a Scan backup, or null for another kind of backup
 * @param problems what reading the backup's structure found wrong that items alone do not show (a
 *     dynamodump folder's missing pages); restore warns of them, verify fails on them
 * @param export this tool's manifest of an AWS export and where it is, or null for another kind
 */
public record LocatedBackup(
    Kind kind,
    String uri,
    List<DataFile> files,
    Long itemCount,
    String tableName,
    TableSchema schema,
    Manifest manifest,
    List<String> problems,
    ExportChains.Export export) {

  /** What a key turned out to be. */
  public enum Kind {
    /** This tool's data object with its manifest. */
    BACKUP,
    /** A data object without a manifest: incomplete, or the original tool's file. */
    NO_MANIFEST,
    /** An AWS Export to S3 folder, with an MD5 and a count per data file. */
    EXPORT,
    /** A dynamodump table folder: schema.json and one Scan page a data file, each with a count. */
    DYNAMODUMP,
    /** An AWS export this tool drove, with this tool's manifest (its schema, its chain). */
    NATIVE_EXPORT
  }

  public LocatedBackup {
    if (kind == null || uri == null) {
      throw new IllegalArgumentException("kind and uri must be set, were " + kind + ", " + uri);
    }
    files = List.copyOf(files);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /**
   * Finds the backup at {@code key}: the data object, its manifest, an AWS export folder, or a
   * dynamodump table folder.
   *
   * @throws JobFailedException naming the object when it is missing or its manifest is unreadable
   */
  public static LocatedBackup locate(ObjectSource source, String key, EventLog log) {
    String uri = source.uri(key);
    try {
      Optional<ExportFolder> export = ExportFolder.read(source, key);
      if (export.isPresent()) {
        ExportFolder e = export.get();
        if (e.summary().incremental()) {
          throw new JobFailedException(
              uri
                  + " is an incremental export, which holds only the changes of a window: restore"
                  + " it through the manifest of the chain this tool wrote beside it, which names"
                  + " the full export it continues",
              null);
        }
        return new LocatedBackup(
            Kind.EXPORT, uri, e.files(), e.itemCount(), e.tableName(), null, null, List.of(), null);
      }
      Optional<String> exportManifest = ExportKey.manifestKeyOf(key);
      if (exportManifest.isPresent() && source.exists(exportManifest.get())) {
        return ofExport(source, new ExportChains(source).read(exportManifest.get()));
      }
      Optional<DynamodumpFolder> dump = DynamodumpFolder.read(source, key, log);
      if (dump.isPresent()) {
        DynamodumpFolder d = dump.get();
        d.problems().forEach(log::warn);
        return new LocatedBackup(
            Kind.DYNAMODUMP,
            source.uri(d.folder()),
            d.files(),
            d.itemCount(),
            d.schema().tableName(),
            d.schema(),
            null,
            d.problems(),
            null);
      }
      String dataKey = key.endsWith(BackupKey.MANIFEST_SUFFIX) ? BackupKey.dataKeyFor(key) : key;
      String manifestKey = BackupKey.manifestKeyFor(dataKey);
      String dataUri = source.uri(dataKey);
      if (!source.exists(dataKey)) {
        throw new JobFailedException(
            dataUri + ": no such object or file (check the bucket, key or path)", null);
      }
      Optional<byte[]> json = source.readIfPresent(manifestKey);
      if (json.isEmpty()) {
        log.info("no manifest beside " + dataUri + "; reading it as the original tool's file");
        return new LocatedBackup(
            Kind.NO_MANIFEST,
            dataUri,
            List.of(DataFile.unverified(dataKey)),
            null,
            null,
            null,
            null,
            List.of(),
            null);
      }
      String manifestUri = source.uri(manifestKey);
      Manifest m = new ManifestJson().read(json.get(), manifestUri);
      FileFormat format = FileFormat.fromCliName(m.format());
      DataFile file =
          new DataFile(dataKey, format, m.itemCount(), "SHA-256", m.sha256(), manifestUri);
      return new LocatedBackup(
          Kind.BACKUP,
          dataUri,
          List.of(file),
          m.itemCount(),
          m.tableName(),
          m.table(),
          m,
          List.of(),
          null);
    } catch (JobFailedException e) {
      throw e;
    } catch (InvalidManifestException | IOException | RuntimeException e) {
      throw new JobFailedException("cannot read " + uri + ": " + JobFailedException.reason(e), e);
    }
  }

  /** An export this tool drove, as its manifest records it. */
  public static LocatedBackup ofExport(ObjectSource source, ExportChains.Export export) {
    ExportManifest m = export.manifest();
    String manifestUri = source.uri(export.manifestKey());
    List<DataFile> files =
        m.files().stream()
            .map(
                f ->
                    new DataFile(
                        f.key(),
                        FileFormat.DYNAMODB_JSON,
                        f.itemCount(),
                        f.md5() == null ? null : "MD5",
                        f.md5(),
                        manifestUri,
                        m.incremental() ? DataFile.Layout.CHANGES : DataFile.Layout.LINES))
            .toList();
    String folder = export.manifestKey().substring(0, export.manifestKey().lastIndexOf('/') + 1);
    return new LocatedBackup(
        Kind.NATIVE_EXPORT,
        source.uri(folder),
        files,
        m.itemCount(),
        m.tableName(),
        m.table(),
        null,
        List.of(),
        export);
  }
}
