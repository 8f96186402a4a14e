package io.dynamodbbackup.list;

import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.InvalidManifestException;
import io.dynamodbbackup.manifest.ManifestJson;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The exports among a listing's keys: each folder with this tool's export manifest is complete (a
 * full export, or an incremental link naming its chain's base); a folder AWS wrote into without
 * such a manifest is an export still running, failed, or never checked.
 */
final class ExportListings {

  private static final String AWS_FOLDER = "/AWSDynamoDB/";

  private final ObjectSource source;
  private final ManifestJson json = new ManifestJson();

  ExportListings(ObjectSource source) {
    this.source = source;
  }

  /**
   * @param keys every key under the listed folder
   * @param present the same keys, for lookups
   * @param wanted whether an export of this key belongs in the listing (the table filter)
   */
  List<BackupListing> find(List<String> keys, Set<String> present, Predicate<ExportKey> wanted)
      throws IOException {
    List<BackupListing> found = new ArrayList<>();
    Set<String> orphans = new LinkedHashSet<>();
    for (String key : keys) {
      Optional<ExportKey> manifest = ExportKey.parse(key);
      if (manifest.isPresent() && wanted.test(manifest.get())) {
        found.add(listing(manifest.get(), key));
        continue;
      }
      int aws = key.indexOf(AWS_FOLDER);
      if (aws > 0) {
        ExportKey.manifestKeyOf(key.substring(0, aws))
            .filter(m -> !present.contains(m))
            .flatMap(ExportKey::parse)
            .filter(wanted)
            .ifPresent(k -> orphans.add(k.manifestKey()));
      }
    }
    for (String manifestKey : orphans) {
      ExportKey k = ExportKey.parse(manifestKey).orElseThrow();
      found.add(
          new BackupListing(
              k.exportTime(),
              k.table(),
              null,
              0,
              "export",
              "gzip",
              false,
              "export without this tool's manifest: running, failed or never checked",
              source.uri(k.folder()),
              ExportManifest.ENGINE,
              null,
              null,
              null));
    }
    return found;
  }

  private BackupListing listing(ExportKey key, String manifestKey) throws IOException {
    ExportManifest m;
    try {
      m = json.readExport(source.readIfPresent(manifestKey).orElse(new byte[0]), manifestKey);
    } catch (InvalidManifestException e) {
      return new BackupListing(
          key.exportTime(),
          key.table(),
          null,
          0,
          "export",
          "gzip",
          false,
          "manifest does not parse",
          source.uri(key.folder()),
          ExportManifest.ENGINE,
          null,
          null,
          null);
    }
    String base = null;
    if (m.base() != null) {
      int slash = m.base().lastIndexOf('/');
      base = source.uri(m.base().substring(0, slash + 1));
    }
    return new BackupListing(
        m.exportTime(),
        m.tableName(),
        m.itemCount(),
        m.byteCount(),
        m.incremental() ? "export-incremental" : "export",
        "gzip",
        true,
        null,
        source.uri(key.folder()),
        ExportManifest.ENGINE,
        m.exportFromTime(),
        base,
        m.verified());
  }
}
