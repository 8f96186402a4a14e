package io.dynamodbbackup.verify;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.source.DataFile;
import io.dynamodbbackup.source.ExportChains;
import io.dynamodbbackup.source.LocatedBackup;
import io.dynamodbbackup.store.ObjectSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What verify reads for a backup: its files, or for an incremental export the files of its whole
 * chain, base first, once the chain's links are found to follow each other without gap or overlap.
 *
 * @param files the data files, in order
 * @param records the items (and change records) they must hold together, or null when unknown
 * @param digestAlgorithm the digest every file is checked with, or null when none records one
 * @param chain for a chain, what it is ("3 exports: ..."), else null
 */
record VerifiedFiles(List<DataFile> files, Long records, String digestAlgorithm, String chain) {

  static VerifiedFiles of(ObjectSource source, LocatedBackup backup) {
    List<LocatedBackup> parts = new ArrayList<>();
    String chain = null;
    if (backup.export() != null && backup.export().manifest().incremental()) {
      List<ExportChains.Export> exports;
      try {
        exports = new ExportChains(source).chainTo(backup.export());
      } catch (Exception e) {
        throw new JobFailedException("verify failed: " + JobFailedException.reason(e), e);
      }
      exports.forEach(e -> parts.add(LocatedBackup.ofExport(source, e)));
      chain =
          exports.size()
              + " exports: the full export at "
              + exports.get(0).manifest().exportTime()
              + " and "
              + (exports.size() - 1)
              + " incremental links up to "
              + backup.export().manifest().exportTime()
              + ", each starting where the one before ends";
    } else {
      parts.add(backup);
    }
    List<DataFile> files = new ArrayList<>();
    Long records = 0L;
    for (LocatedBackup part : parts) {
      files.addAll(part.files());
      records = records == null || part.itemCount() == null ? null : records + part.itemCount();
    }
    String algorithm = files.isEmpty() ? null : files.get(0).digestAlgorithm();
    for (DataFile file : files) {
      if (file.digestAlgorithm() == null) {
        algorithm = null;
      }
    }
    return new VerifiedFiles(List.copyOf(files), records, algorithm, chain);
  }
}
