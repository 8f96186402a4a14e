package io.dynamodbbackup.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads backups under a local folder, keys being relative paths. */
public final class LocalObjectSource implements ObjectSource {

  private final Path root;

  private static final String PARTIAL = ".partial";
  private static final String BACKUP_STATE = ".backup-state.json";
  private static final String RESTORE_STATE = ".restore-state.json";

  public LocalObjectSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path path = resolve(key);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    return Files.newInputStream(path);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public StoredObject stat(String key) throws IOException {
    Path path = resolve(key);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    return new StoredObject(Files.size(path), null, null);
  }

  @Override
  public Optional<byte[]> readIfPresent(String key) throws IOException {
    Path path = resolve(key);
    return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path folder = resolve(prefix);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Override
  public List<UnfinishedWrite> unfinished(String prefix) throws IOException {
    List<UnfinishedWrite> found = new ArrayList<>();
    for (String key : list(prefix)) {
      if (key.endsWith(PARTIAL)) {
        Instant modified = Files.getLastModifiedTime(resolve(key)).toInstant();
        found.add(
            new UnfinishedWrite(
                key.substring(0, key.length() - PARTIAL.length()),
                UnfinishedWrite.PARTIAL_FILE,
                modified));
      }
    }
    found.sort(Comparator.comparing(UnfinishedWrite::started));
    return found;
  }

  @Override
  public void discard(UnfinishedWrite write) throws IOException {
    Files.deleteIfExists(resolve(write.key() + PARTIAL));
  }

  @Override
  public StateObject backupState(String dataKey) {
    return new LocalStateObject(resolve(dataKey + BACKUP_STATE));
  }

  @Override
  public List<String> backupStates(String prefix) throws IOException {
    return states(prefix, BACKUP_STATE);
  }

  @Override
  public StateObject restoreState(String sourceKey) {
    return new LocalStateObject(resolve(sourceKey + RESTORE_STATE));
  }

  @Override
  public List<String> restoreStates(String prefix) throws IOException {
    return states(prefix, RESTORE_STATE);
  }

  /** The keys under {@code prefix} with a checkpoint file beside them ending in {@code suffix}. */
  private List<String> states(String prefix, String suffix) throws IOException {
    return list(prefix).stream()
        .filter(k -> k.endsWith(suffix))
        .map(k -> k.substring(0, k.length() - suffix.length()))
        .toList();
  }

  @Override
  public String uri(String key) {
    return resolve(key).toString();
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("key " + key + " leaves the folder " + root);
    }
    return path;
  }
}
