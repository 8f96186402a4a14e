package io.dynamodbbackup.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

  private static double units(String answer) {
    return BatchWriter.consumedUnits(answer.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void consumedUnits_ofBatchWriteItem_sumsTheTotalOfEachTable() {
    assertThat(
            units(
                "{\"UnprocessedItems\":{},\"ConsumedCapacity\":["
                    + "{\"TableName\":\"a\",\"CapacityUnits\":25.0,\"WriteCapacityUnits\":25.0},"
                    + "{\"CapacityUnits\":2.5,\"TableName\":\"b\"}]}"))
        .isEqualTo(27.5);
  }

  @Test
  void consumedUnits_ofPutItem_readsTheOneObject() {
    assertThat(
            units(
                "{ \"ConsumedCapacity\" : { \"TableName\" : \"a\", \"CapacityUnits\" : 3 },"
                    + " \"ItemCollectionMetrics\": {\"SizeEstimateRangeGB\": [0, 1]} }"))
        .isEqualTo(3.0);
  }

  @Test
  void consumedUnits_countsOnlyTheTotal_notAnIndexOrTableBreakdown() {
    assertThat(
            units(
                "{\"ConsumedCapacity\":[{\"TableName\":\"a\",\"CapacityUnits\":4.0,"
                    + "\"Table\":{\"CapacityUnits\":2.0},"
                    + "\"GlobalSecondaryIndexes\":{\"i\":{\"CapacityUnits\":2.0}}}]}"))
        .isEqualTo(4.0);
  }

  @Test
  void consumedUnits_isZeroWhenTheAnswerReportsNone() {
    assertThat(units("{\"UnprocessedItems\":{}}")).isZero();
    assertThat(units("{}")).isZero();
  }

  @Test
  void consumedUnits_ofAnAnswerThatIsNotJson_failsNamingDynamoDb() {
    assertThatThrownBy(() -> units("<html>busy</html>"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("DynamoDB's answer is not JSON");
  }
}
