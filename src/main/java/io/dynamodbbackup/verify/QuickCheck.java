package io.dynamodbbackup.verify;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.source.LocatedBackup;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify --quick}: compares what the store reports about the data object (HeadObject: its
 * size, ETag and checksum) with what the manifest recorded when the store confirmed the backup.
 * Reads no data, so it takes seconds whatever the backup's size; it proves the stored object is the
 * one the backup wrote, not that its lines parse.
 */
final class QuickCheck {

  private QuickCheck() {}

  /** The checks that held, e.g. {@code [size, ETag]}; throws naming the first that did not. */
  static List<String> run(ObjectSource source, LocatedBackup backup) {
    if (backup.export() != null) {
      return export(source, backup);
    }
    Manifest m = backup.manifest();
    if (m == null) {
      throw new JobFailedException(
          "verify --quick failed: "
              + backup.uri()
              + " has no manifest of this tool to compare with; verify it without --quick",
          null);
    }
    StoredObject stored;
    try {
      stored = source.stat(backup.files().get(0).key());
    } catch (IOException | RuntimeException e) {
      throw new JobFailedException(
          "verify --quick failed: cannot read "
              + backup.uri()
              + ": "
              + JobFailedException.reason(e),
          e);
    }
    List<String> held = new ArrayList<>();
    check(backup, "size", Long.toString(m.byteCount()), Long.toString(stored.bytes()), held);
    if (m.storedEtag() != null && stored.etag() != null) {
      check(backup, "ETag", m.storedEtag(), stored.etag(), held);
    }
    if (m.storedChecksum() != null
        && m.storedChecksum().startsWith("CRC32C:")
        && stored.checksum() != null) {
      check(backup, "CRC32C", m.storedChecksum(), stored.checksum(), held);
    }
    return held;
  }

  /** Every data file of an export this tool drove, against the size and ETag it recorded. */
  private static List<String> export(ObjectSource source, LocatedBackup backup) {
    boolean etags = true;
    for (ExportManifest.File file : backup.export().manifest().files()) {
      StoredObject stored;
      try {
        stored = source.stat(file.key());
      } catch (IOException | RuntimeException e) {
        throw new JobFailedException(
            "verify --quick failed: cannot read "
                + source.uri(file.key())
                + ": "
                + JobFailedException.reason(e),
            e);
      }
      check(
          backup,
          "size of " + file.key(),
          Long.toString(file.bytes()),
          Long.toString(stored.bytes()),
          new ArrayList<>());
      if (file.etag() != null && stored.etag() != null) {
        check(backup, "ETag of " + file.key(), file.etag(), stored.etag(), new ArrayList<>());
      } else {
        etags = false;
      }
    }
    return etags ? List.of("size", "ETag") : List.of("size");
  }

  private static void check(
      LocatedBackup backup, String what, String recorded, String stored, List<String> held) {
    if (!recorded.equals(stored)) {
      throw new JobFailedException(
          "verify failed: "
              + what
              + ": the manifest records "
              + recorded
              + " but "
              + backup.uri()
              + " has "
              + stored,
          null);
    }
    held.add(what);
  }
}
