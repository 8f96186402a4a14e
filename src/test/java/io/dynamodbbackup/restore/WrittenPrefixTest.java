package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrittenPrefixTest {

  @Test
  void mark_movesOnlyOverBatchesThatAllFinished_inTheReadersOrder() {
    WrittenPrefix prefix = new WrittenPrefix(100);
    long first = prefix.register(25);
    long second = prefix.register(25);
    long third = prefix.register(10);

    prefix.finished(third);
    prefix.finished(second);
    assertThat(prefix.items()).as("the first batch is still in flight").isEqualTo(100);

    prefix.finished(first);
    assertThat(prefix.items()).isEqualTo(160);
  }
}
