package io.dynamodbbackup.source;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chains of exports: a full export (the base) and the incremental exports that follow it, each
 * continuing the window of the one before. Each incremental manifest names its base and the export
 * it continues, so a chain is followed back from any link without listing the bucket.
 */
public final class ExportChains {

  /** An export manifest and where it is. */
  public record Export(String manifestKey, ExportManifest manifest) {}

  private final ObjectSource source;
  private final ManifestJson json = new ManifestJson();

  public ExportChains(ObjectSource source) {
    this.source = source;
  }

  /** The complete exports of {@code table} under {@code prefix}, oldest first by their end. */
  public List<Export> all(String prefix, String table)
      throws IOException, InvalidManifestException {
    List<Export> found = new ArrayList<>();
    for (String key : source.list(BackupKey.tableFolder(prefix, table))) {
      Optional<ExportKey> parsed = ExportKey.parse(key);
      // Another table's folder may be nested under this one's.
      if (parsed.isPresent()
          && parsed.get().table().equals(table)
          && BackupKey.tableFolder(parsed.get().prefix(), table)
              .equals(BackupKey.tableFolder(prefix, table))) {
        found.add(read(key));
      }
    }
    found.sort(Comparator.comparing(e -> e.manifest().exportTime()));
    return found;
  }

  /** The export whose manifest is at {@code manifestKey}. */
  public Export read(String manifestKey) throws IOException, InvalidManifestException {
    Optional<byte[]> bytes = source.readIfPresent(manifestKey);
    if (bytes.isEmpty()) {
      throw new IOException(source.uri(manifestKey) + ": no such export manifest");
    }
    return new Export(manifestKey, json.readExport(bytes.get(), source.uri(manifestKey)));
  }

  /**
   * The chain that ends at {@code last}: its base first, then every link in window order. Each link
   * must start where the one before ended.
   *
   * @throws IOException naming the link whose predecessor is missing or does not meet it
   */
  public List<Export> chainTo(Export last) throws IOException, InvalidManifestException {
    Deque<Export> chain = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    Export at = last;
    chain.addFirst(at);
    while (at.manifest().incremental()) {
      if (!seen.add(at.manifestKey())) {
        throw new IOException(source.uri(at.manifestKey()) + ": the chain loops back on itself");
      }
      String previousKey = at.manifest().previous();
      Export previous;
      try {
        previous = read(previousKey);
      } catch (IOException e) {
        throw new IOException(
            "the chain is broken: "
                + source.uri(at.manifestKey())
                + " continues "
                + source.uri(previousKey)
                + ", which is missing or unreadable ("
                + e.getMessage()
                + ")",
            e);
      }
      if (!previous.manifest().exportTime().equals(at.manifest().exportFromTime())) {
        throw new IOException(
            "the chain is broken: "
                + source.uri(at.manifestKey())
                + " starts at "
                + at.manifest().exportFromTime()
                + " but the export it continues, "
                + source.uri(previousKey)
                + ", ends at "
                + previous.manifest().exportTime());
      }
      if (previous.manifest().incremental()
          && !previous.manifest().base().equals(at.manifest().base())) {
        throw new IOException(
            "the chain is broken: "
                + source.uri(at.manifestKey())
                + " and "
                + source.uri(previousKey)
                + " name different bases");
      }
      if (!previous.manifest().incremental() && !previousKey.equals(at.manifest().base())) {
        throw new IOException(
            "the chain is broken: "
                + source.uri(at.manifestKey())
                + " names the base "
                + source.uri(at.manifest().base())
                + " but continues the full export "
                + source.uri(previousKey));
      }
      chain.addFirst(previous);
      at = previous;
    }
    return List.copyOf(chain);
  }

  /**
   * The part of {@code chain} (base first) a restore to {@code toTime} applies: the base and every
   * link up to the one whose window covers {@code toTime}; the whole chain when {@code toTime} is
   * null. The table then holds its state at the end of the last export returned.
   *
   * @throws JobFailedException when {@code toTime} is outside the chain
   */
  public List<Export> upTo(List<Export> chain, Instant toTime) {
    if (toTime == null) {
      return chain;
    }
    Export base = chain.get(0);
    Export last = chain.get(chain.size() - 1);
    if (toTime.isBefore(base.manifest().exportTime())) {
      throw new JobFailedException(
          toTime
              + " is before the full export this chain starts from, at "
              + base.manifest().exportTime()
              + " ("
              + source.uri(base.manifestKey())
              + "); restore an earlier chain",
          null);
    }
    for (int i = 0; i < chain.size(); i++) {
      ExportManifest m = chain.get(i).manifest();
      boolean covers =
          m.incremental()
              ? !toTime.isBefore(m.exportFromTime()) && toTime.isBefore(m.exportTime())
              : toTime.equals(m.exportTime());
      if (covers) {
        return chain.subList(0, i + 1);
      }
    }
    throw new JobFailedException(
        toTime
            + " is after the end of the chain at "
            + source.uri(last.manifestKey())
            + ", which ends at "
            + last.manifest().exportTime()
            + "; give a later link of the chain as the source",
        null);
  }
}
