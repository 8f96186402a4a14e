package io.dynamodbbackup.backup;

import io.dynamodbbackup.manifest.ExportManifest;
import java.time.Instant;

/**
 * One export to run: a full export at {@code to}, or an incremental one of the window [{@code
 * from}, {@code to}) continuing the export whose manifest is {@code previous}, in the chain that
 * starts at the full export {@code base}.
 */
record Link(String type, Instant from, Instant to, String base, String previous) {

  static Link full(Instant at) {
    return new Link(ExportManifest.FULL, null, at, null, null);
  }

  static Link incremental(Instant from, Instant to, String base, String previous) {
    return new Link(ExportManifest.INCREMENTAL, from, to, base, previous);
  }

  boolean incremental() {
    return ExportManifest.INCREMENTAL.equals(type);
  }

  /** E.g. {@code at 2026-11-25T02:00:00Z} or {@code from ... to ...}. */
  String describe() {
    return incremental() ? "from " + from + " to " + to : "at " + to;
  }
}
