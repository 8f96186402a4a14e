package io.dynamodbbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@ExtendWith(LocalEnginesExtension.class)
class TestItemsIT {

  @Test
  void everyType_isTheSameForTheSameSeed() {
    assertThat(TestItems.everyType(7, 20)).isEqualTo(TestItems.everyType(7, 20));
    assertThat(TestItems.everyType(7, 20)).isNotEqualTo(TestItems.everyType(8, 20));
  }

  @Test
  void everyType_readsBackFromDynaliteUnchanged(LocalEngines engines) {
    String table = engines.uniqueTableName("types");
    List<Map<String, AttributeValue>> items = TestItems.everyType(42, 120);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);

      TestTables.load(dynamo, table, items);

      assertThat(TestTables.scanAll(dynamo, table)).containsExactlyInAnyOrderElementsOf(items);
    }
  }

  @Test
  void large_itemsAreAbout350KbAndFitDynamoDb(LocalEngines engines) {
    String table = engines.uniqueTableName("large");
    List<Map<String, AttributeValue>> items =
        List.of(TestItems.large(1, 0, 350_000), TestItems.large(1, 1, 350_000));
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);

      TestTables.load(dynamo, table, items);

      assertThat(TestTables.scanAll(dynamo, table)).containsExactlyInAnyOrderElementsOf(items);
      assertThat(items.get(0).get("blob").b().asByteArray()).hasSize(175_000);
    }
  }
}
