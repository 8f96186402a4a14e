package io.dynamodbbackup.store;

import java.util.List;

/**
 * What an interrupted object already holds, for a resume: its upload and the parts 1 to n the store
 * confirmed, in order.
 *
 * @param uploadId the multipart upload to go on with, or null when none was started (a local file,
 *     or an object of one part so far)
 * @param parts the parts stored, numbered 1 to n without a gap
 */
public record Upload(String uploadId, List<StoredPart> parts) {

  /** Nothing stored yet. */
  public static final Upload NONE = new Upload(null, List.of());

  public Upload {
    parts = List.copyOf(parts);
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).number() != i + 1) {
        throw new IllegalArgumentException(
            "the stored parts must be numbered 1 to " + parts.size() + ", were " + parts);
      }
    }
  }

  /** The bytes the stored parts hold. */
  public long bytes() {
    return parts.stream().mapToLong(StoredPart::bytes).sum();
  }
}
