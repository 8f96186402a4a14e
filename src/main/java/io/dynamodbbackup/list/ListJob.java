package io.dynamodbbackup.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.BackupState;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StateObject;
import io.dynamodbbackup.store.UnfinishedWrite;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Lists the backups under a prefix, or under one table's folder: every key in this tool's layout,
 * paired with the manifest beside it. Only a backup whose manifest exists and parses is complete.
 */
public final class ListJob {

  private static final ObjectMapper CHECKPOINT = new ObjectMapper();

  private final ObjectSource source;
  private final Consumer<String> warnings;

  public ListJob(ObjectSource source, Consumer<String> warnings) {
    this.source = source;
    this.warnings = warnings;
  }

  /**
   * The backups newest first.
   *
   * @param prefix the prefix backups were written under, or empty
   * @param table only this table's backups, or null for all under the prefix
   */
  public List<BackupListing> run(String prefix, String table) {
    String p = prefix == null ? "" : prefix;
    String folder = folder(p, table);
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
        found.add(listing(k, key, present.contains(BackupKey.manifestKeyFor(key)), json));
      }
      Map<String, BackupState> resumable = resumable(folder, p, table, present);
      for (Map.Entry<String, BackupState> r : resumable.entrySet()) {
        found.add(resumableListing(r.getKey(), r.getValue()));
      }
      for (UnfinishedWrite write : unfinished(folder, p, table)) {
        if (!resumable.containsKey(write.key())) {
          found.add(unfinishedListing(write));
        }
      }
      for (String sourceKey : source.restoreStates(folder)) {
        restoreListing(sourceKey).ifPresent(found::add);
      }
      found.addAll(
          new ExportListings(source)
              .find(
                  keys,
                  present,
                  k -> table == null || (k.table().equals(table) && k.prefix().equals(trim(p)))));
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

  /**
   * Discards the writes under the prefix (or one table's folder) that never finished and began
   * before {@code startedBefore}: a killed backup's multipart upload, or a folder's partial file.
   *
   * @return what was discarded
   */
  public List<UnfinishedWrite> cleanup(String prefix, String table, Instant startedBefore) {
    String p = prefix == null ? "" : prefix;
    String folder = folder(p, table);
    List<UnfinishedWrite> discarded = new ArrayList<>();
    try {
      for (UnfinishedWrite write : unfinished(folder, p, table)) {
        if (write.started().isBefore(startedBefore)) {
          source.discard(write);
          discarded.add(write);
        }
      }
      // A store that cannot list uploads still names each one in its backup's checkpoint.
      for (Map.Entry<String, BackupState> r : resumable(folder, p, table, Set.of()).entrySet()) {
        Instant started = BackupKey.parse(r.getKey()).orElseThrow().startedAt();
        if (!started.isBefore(startedBefore)) {
          continue;
        }
        String uploadId = r.getValue().uploadId();
        if (uploadId != null && discarded.stream().noneMatch(w -> w.id().equals(uploadId))) {
          UnfinishedWrite write = new UnfinishedWrite(r.getKey(), uploadId, started);
          source.discard(write);
          discarded.add(write);
        }
        source.backupState(r.getKey()).delete();
      }
      for (String sourceKey : source.restoreStates(folder)) {
        Optional<BackupListing> restore = restoreListing(sourceKey);
        if (restore.isPresent() && restore.get().startedAt().isBefore(startedBefore)) {
          source.restoreState(sourceKey).delete();
          discarded.add(
              new UnfinishedWrite(
                  sourceKey, UnfinishedWrite.RESTORE_CHECKPOINT, restore.get().startedAt()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new JobFailedException(
          "cannot clean up under " + source.uri(folder) + ": " + JobFailedException.reason(e), e);
    }
    return discarded;
  }

  /**
   * The interrupted backups under {@code folder} that left a checkpoint, by data key, less those
   * whose object is {@code present} (a checkpoint left over from a backup that completed).
   */
  private Map<String, BackupState> resumable(
      String folder, String prefix, String table, Set<String> present) throws IOException {
    Map<String, BackupState> found = new TreeMap<>();
    for (String dataKey : source.backupStates(folder)) {
      Optional<BackupKey> key = BackupKey.parse(dataKey);
      if (key.isEmpty()
          || (table != null
              && !(key.get().table().equals(table) && key.get().prefix().equals(trim(prefix))))
          || present.contains(dataKey)) {
        continue;
      }
      StateObject state = source.backupState(dataKey);
      Optional<byte[]> bytes = state.read();
      if (bytes.isPresent()) {
        found.put(dataKey, BackupState.parse(bytes.get(), state.uri()));
      }
    }
    return found;
  }

  /**
   * An interrupted restore from {@code sourceKey}, as its checkpoint tells: when it last moved, the
   * table it writes and the items known written; empty if the checkpoint is gone or unreadable (a
   * restore that just finished deletes it).
   */
  private Optional<BackupListing> restoreListing(String sourceKey) throws IOException {
    Optional<byte[]> bytes = source.restoreState(sourceKey).read();
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    JsonNode state;
    try {
      state = CHECKPOINT.readTree(bytes.get());
    } catch (IOException e) {
      warnings.accept(source.restoreState(sourceKey).uri() + " is not a restore checkpoint");
      return Optional.empty();
    }
    String target = state.path("table").asText(null);
    String updatedAt = state.path("updatedAt").asText(null);
    if (target == null || updatedAt == null) {
      return Optional.empty();
    }
    long written = state.path("itemsWritten").asLong();
    return Optional.of(
        new BackupListing(
            Instant.parse(updatedAt),
            target,
            written,
            0,
            "restore",
            "none",
            false,
            String.format(
                Locale.ROOT,
                "an interrupted restore into table %s, resumable: %,d items written, checkpoint of"
                    + " %s; restore --resume goes on with it",
                target,
                written,
                updatedAt),
            source.uri(sourceKey),
            "restore",
            null,
            null,
            null));
  }

  private BackupListing resumableListing(String dataKey, BackupState state) {
    BackupKey k = BackupKey.parse(dataKey).orElseThrow();
    String encoded = "base64".equals(state.encoding()) ? "csv-base64" : state.format();
    return new BackupListing(
        k.startedAt(),
        k.table(),
        null,
        state.bytes(),
        encoded,
        state.compression(),
        false,
        String.format(
            Locale.ROOT,
            "resumable: %,d items in %d parts stored, %d of %d segments finished, checkpoint of"
                + " %s; backup --resume goes on with it",
            state.items(),
            state.parts().size(),
            state.finishedSegments(),
            state.segments(),
            state.updatedAt()),
        source.uri(dataKey),
        "scan",
        null,
        null,
        null);
  }

  /** Unfinished writes of backups in this tool's layout; a store that cannot list them warns. */
  private List<UnfinishedWrite> unfinished(String folder, String prefix, String table) {
    List<UnfinishedWrite> writes;
    try {
      writes = source.unfinished(folder);
    } catch (IOException e) {
      warnings.accept(
          JobFailedException.reason(e)
              + "; backups killed mid-upload are not listed (a bucket lifecycle rule removes them)");
      return List.of();
    }
    return writes.stream()
        .filter(
            w ->
                BackupKey.parse(w.key())
                    .filter(
                        k ->
                            table == null
                                || (k.table().equals(table) && k.prefix().equals(trim(prefix))))
                    .isPresent())
        .toList();
  }

  private BackupListing unfinishedListing(UnfinishedWrite write) {
    BackupKey k = BackupKey.parse(write.key()).orElseThrow();
    String ext = k.extension();
    return new BackupListing(
        k.startedAt(),
        k.table(),
        null,
        0,
        ext.startsWith(".json") ? "dynamodb-json" : "csv",
        ext.endsWith(".gz") ? "gzip" : ext.endsWith(".zst") ? "zstd" : "none",
        false,
        UnfinishedWrite.PARTIAL_FILE.equals(write.id())
            ? "unfinished file, last written " + write.started()
            : "unfinished upload " + write.id() + ", started " + write.started(),
        source.uri(write.key()),
        "scan",
        null,
        null,
        null);
  }

  private static String folder(String p, String table) {
    return table != null
        ? BackupKey.tableFolder(p, table)
        : p.isEmpty() || p.endsWith("/") ? p : p + "/";
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
          uri,
          "scan",
          null,
          null,
          null);
    }
    String manifestKey = BackupKey.manifestKeyFor(key);
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
          uri,
          "scan",
          null,
          null,
          null);
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
        uri,
        "scan",
        null,
        null,
        null);
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
