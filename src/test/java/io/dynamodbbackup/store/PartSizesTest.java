package io.dynamodbbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartSizesTest {

  private static final int MIB = 1 << 20;

  @Test
  void smallTable_usesTheGivenPartSize_andDoublesEvery2000Parts() {
    PartSizes sizes = PartSizes.forEstimate(10L * MIB, 8 * MIB, 64 * MIB, 10_000);

    assertThat(sizes.sizeOf(1)).isEqualTo(8 * MIB);
    assertThat(sizes.sizeOf(2_000)).isEqualTo(8 * MIB);
    assertThat(sizes.sizeOf(2_001)).isEqualTo(16 * MIB);
    assertThat(sizes.sizeOf(6_001)).isEqualTo(64 * MIB);
    assertThat(sizes.sizeOf(10_000)).isEqualTo(64 * MIB);
  }

  @Test
  void largeTable_startsWithPartsThatHoldItInHalfTheParts() {
    long estimate = 200L * 1024 * MIB; // 200 GiB

    PartSizes sizes = PartSizes.forEstimate(estimate, 8 * MIB, 512 * MIB, 10_000);

    assertThat((long) sizes.sizeOf(1) * 5_000).isGreaterThanOrEqualTo(estimate);
    assertThat(sizes.sizeOf(1) % MIB).isZero();
    assertThat(sizes.capacity(10_000)).isGreaterThan(2 * estimate);
  }

  @Test
  void memoryBound_capsEveryPart_evenWhenTheEstimateWantsMore() {
    PartSizes sizes = PartSizes.forEstimate(1L << 40, 8 * MIB, 32 * MIB, 10_000);

    assertThat(sizes.sizeOf(1)).isEqualTo(32 * MIB);
    assertThat(sizes.sizeOf(9_999)).isEqualTo(32 * MIB);
    assertThat(sizes.capacity(10_000)).isEqualTo(10_000L * 32 * MIB);
  }

  @Test
  void fixed_neverGrows() {
    PartSizes sizes = PartSizes.fixed(5 * MIB);

    assertThat(sizes.sizeOf(1)).isEqualTo(5 * MIB);
    assertThat(sizes.sizeOf(10_000)).isEqualTo(5 * MIB);
  }
}
