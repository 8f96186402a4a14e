package io.dynamodbbackup.source;

import io.dynamodbbackup.manifest.ExportManifest;
import io.dynamodbbackup.store.ObjectSource;
import io.dynamodbbackup.store.StoredObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The data files of an export that has just completed, each confirmed in the store with its size.
 * Where AWS's {@code manifest-files.json} is found, the files are the ones it lists, with its MD5s
 * and counts, and each must exist with the ETag it lists; where it is not (moto writes none), the
 * data files are found by listing the export prefix and the export is recorded as unverified.
 *
 * @param folder AWS's {@code AWSDynamoDB/<export-id>} folder, or the export prefix when not found
 * @param verified whether the files come from AWS's manifest
 * @param unverifiedReason why not, or null
 * @param files the data files, in the manifest's order or sorted by key
 * @param itemCount the items the manifest lists, or null without one
 */
public record ExportContents(
    String folder,
    boolean verified,
    String unverifiedReason,
    List<ExportManifest.File> files,
    Long itemCount) {

  public ExportContents {
    files = List.copyOf(files);
  }

  /** Total stored bytes of the data files. */
  public long bytes() {
    return files.stream().mapToLong(ExportManifest.File::bytes).sum();
  }

  /**
   * Finds the files of the export {@code exportArn} written under {@code exportPrefix}.
   *
   * @param summaryKey the key of its {@code manifest-summary.json} as DescribeExport reports it, or
   *     null to derive it from the export's id
   * @throws IOException naming the file that is missing or differs from AWS's manifest
   */
  public static ExportContents read(
      ObjectSource source, String exportPrefix, String exportArn, String summaryKey)
      throws IOException {
    String folder =
        summaryKey != null && summaryKey.endsWith("/" + ExportFolder.SUMMARY)
            ? summaryKey.substring(0, summaryKey.length() - ExportFolder.SUMMARY.length() - 1)
            : exportPrefix + "/AWSDynamoDB/" + exportArn.substring(exportArn.lastIndexOf('/') + 1);
    Optional<ExportFolder> aws = ExportFolder.read(source, folder);
    if (aws.isPresent()) {
      List<ExportManifest.File> files = new ArrayList<>();
      String recordedBy = source.uri(ExportFolder.child(folder, ExportFolder.FILES_MANIFEST));
      for (ExportFolder.Entry e : aws.get().entries()) {
        StoredObject stored = stat(source, e.key(), recordedBy);
        if (e.etag() != null && stored.etag() != null && !e.etag().equals(stored.etag())) {
          throw new IOException(
              source.uri(e.key())
                  + ": the store reports ETag "
                  + stored.etag()
                  + " but "
                  + recordedBy
                  + " lists "
                  + e.etag()
                  + "; the file changed after the export");
        }
        files.add(
            new ExportManifest.File(
                e.key(),
                e.itemCount(),
                e.md5(),
                e.etag() != null ? e.etag() : stored.etag(),
                stored.bytes()));
      }
      return new ExportContents(folder, true, null, files, aws.get().itemCount());
    }
    return listed(source, exportPrefix, source.uri(ExportFolder.child(folder, "")));
  }

  /** The data files found under the export prefix, when AWS's manifest is not there. */
  private static ExportContents listed(ObjectSource source, String exportPrefix, String missing)
      throws IOException {
    String root = exportPrefix + "/AWSDynamoDB/";
    List<ExportManifest.File> files = new ArrayList<>();
    TreeSet<String> exports = new TreeSet<>();
    for (String key : source.list(root)) {
      String rest = key.substring(root.length());
      int data = rest.indexOf("data/");
      if (data < 0 || key.endsWith("/")) {
        continue; // manifests, checksums, _started
      }
      if (data > 0) {
        exports.add(rest.substring(0, data - 1));
      }
      StoredObject stored = source.stat(key);
      files.add(new ExportManifest.File(key, null, null, stored.etag(), stored.bytes()));
    }
    if (files.isEmpty()) {
      throw new IOException(
          "the export wrote no data files under " + source.uri(root) + " and no " + missing);
    }
    if (exports.size() > 1) {
      throw new IOException(
          source.uri(root)
              + " holds the data of "
              + exports.size()
              + " exports "
              + exports
              + " and no "
              + ExportFolder.FILES_MANIFEST
              + " says which is this one; remove the others and run again");
    }
    String reason =
        "AWS's "
            + ExportFolder.FILES_MANIFEST
            + " is not at "
            + missing
            + "; the data files were found by listing, without MD5s or counts";
    return new ExportContents(exportPrefix, false, reason, files, null);
  }

  private static StoredObject stat(ObjectSource source, String key, String recordedBy)
      throws IOException {
    try {
      return source.stat(key);
    } catch (NoSuchFileException e) {
      throw new IOException(
          recordedBy + " lists " + source.uri(key) + ", which is not in the store", e);
    }
  }
}
