package io.dynamodbbackup.list;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the backups under a prefix, or under one table's folder: every key in this tool's layout,
 * paired with the manifest beside it. Only a backup whose manifest exists and parses is complete.
 */
public final class ListJob {

  private final ObjectSource source;

  public ListJob(ObjectSource source) {
    this.source = source;
  }

  /**
   * The backups newest first.
   *
   * @param prefix the prefix backups were written under, or empty
   * @param table only this table's backups, or null for all under the prefix
   */
  public List<BackupListing> run(String prefix, String table) {
    String p = prefix == null ? "" : prefix;
    String folder =
        table != null
            ? BackupKey.tableFolder(p, table)
            : p.isEmpty() || p.endsWith("/") ? p : p + "/";
    try {
      List<String> keys = source.list(folder);
      Set<String> present = new HashSet<>(keys);
      ManifestJson json = new ManifestJson();
      List<BackupListing> found = new ArrayList<>();
      for (String key : keys) {
        Optional<BackupKey> parsed = BackupKey.parse(key);
        if (parsed.isEmpty()) {
          continue; // manifests, and anything not in this tool's layout
        }
        BackupKey k = parsed.get();
        if (table != null && !(k.table().equals(table) && k.prefix().equals(trim(p)))) {
          continue; // another table's folder nested under this one
        }
        found.add(listing(k, key, present.contains(key + BackupKey.MANIFEST_SUFFIX), json));
      }
      found.sort(
          Comparator.comparing(BackupListing::startedAt)
              .reversed()
              .thenComparing(BackupListing::table)
              .thenComparing(BackupListing::uri));
      return List.copyOf(found);
    } catch (IOException | RuntimeException e) {
      throw new JobFailedException(
          "cannot list " + source.uri(folder) + ": " + JobFailedException.reason(e), e);
    }
  }

  private BackupListing listing(BackupKey k, String key, boolean hasManifest, ManifestJson json)
      throws IOException {
    String uri = source.uri(key);
    String ext = k.extension();
    String compression = ext.endsWith(".gz") ? "gzip" : ext.endsWith(".zst") ? "zstd" : "none";
    String format = ext.startsWith(".json") ? "dynamodb-json" : "csv";
    if (!hasManifest) {
      return new BackupListing(
          k.startedAt(),
          k.table(),
          null,
          source.size(key),
          format,
          compression,
          false,
          "no manifest",
          uri);
    }
    String manifestKey = key + BackupKey.MANIFEST_SUFFIX;
    Optional<byte[]> bytes = source.readIfPresent(manifestKey);
    Manifest m;
    try {
      m = json.read(bytes.orElse(new byte[0]), source.uri(manifestKey));
    } catch (InvalidManifestException e) {
      return new BackupListing(
          k.startedAt(),
          k.table(),
          null,
          source.size(key),
          format,
          compression,
          false,
          "manifest does not parse",
          uri);
    }
    String recorded =
        "base64".equals(m.encoding()) && "csv".equals(m.format()) ? "csv-base64" : m.format();
    return new BackupListing(
        k.startedAt(),
        k.table(),
        m.itemCount(),
        m.byteCount(),
        recorded,
        m.compression() == null ? compression : m.compression(),
        true,
        null,
        uri);
  }

  private static String trim(String prefix) {
    String p = prefix;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
