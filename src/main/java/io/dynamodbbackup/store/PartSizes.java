package io.dynamodbbackup.store;

/**
 * The size of each part of one object. S3 allows 10,000 parts of up to 5 GiB, of any sizes, so
 * parts start at {@code first} and double every {@code partsPerStep} parts up to {@code max}: an
 * object larger than its estimate still fits, while memory holds parts of at most {@code max}.
 *
 * @param first the size of the first parts
 * @param max the largest part, bounded by memory
 * @param partsPerStep how many parts are written at one size before it doubles
 */
public record PartSizes(int first, int max, int partsPerStep) {

  /** Parts start at a size that holds the estimate in half the parts, then double every 2,000. */
  private static final int STEP = 2_000;

  public PartSizes {
    if (first < 1 || max < first || partsPerStep < 1) {
      throw new IllegalArgumentException(
          "part sizes need 1 <= first <= max and a step of 1 or more, were "
              + first
              + ", "
              + max
              + ", "
              + partsPerStep);
    }
  }

  /** Every part the same size. */
  public static PartSizes fixed(int size) {
    return new PartSizes(size, size, Integer.MAX_VALUE);
  }

  /**
   * Sizes for an object of about {@code estimatedBytes}: at least {@code minimum}, large enough
   * that the estimate fills at most half of {@code maxParts}, and never above {@code max}.
   */
  public static PartSizes forEstimate(long estimatedBytes, int minimum, int max, int maxParts) {
    long needed = estimatedBytes / Math.max(1, maxParts / 2) + 1;
    long mib = 1L << 20;
    long rounded = (needed + mib - 1) / mib * mib;
    int first = (int) Math.min(max, Math.max(minimum, rounded));
    return new PartSizes(first, Math.max(first, max), STEP);
  }

  /** The size of part {@code partNumber} (1, 2, ...). */
  public int sizeOf(int partNumber) {
    int doublings = (partNumber - 1) / partsPerStep;
    long size = doublings >= 31 ? max : (long) first << doublings;
    return (int) Math.min(max, size);
  }

  /** The most bytes {@code parts} parts of these sizes hold. */
  public long capacity(int parts) {
    long total = 0;
    for (int n = 1; n <= parts; n++) {
      total += sizeOf(n);
    }
    return total;
  }
}
