package io.dynamodbbackup.schema;

import io.dynamodbbackup.retry.Retrier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;

/** The tables of a region and their tags, for choosing which tables a run covers. */
public final class TableCatalog {

  private final DynamoDbClient dynamo;
  private final Retrier retrier;

  public TableCatalog(DynamoDbClient dynamo, Retrier retrier) {
    this.dynamo = dynamo;
    this.retrier = retrier;
  }

  /** Every table name, in the order ListTables returns them (by name). */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      ListTablesResponse page =
          retrier.call("ListTables", () -> dynamo.listTables(r -> r.exclusiveStartTableName(from)));
      names.addAll(page.tableNames());
      start = page.lastEvaluatedTableName();
    } while (start != null);
    return names;
  }

  /** The tags of {@code table}; DescribeTable gives its ARN, which ListTagsOfResource takes. */
  public Map<String, String> tags(String table) {
    String arn =
        retrier
            .call("DescribeTable " + table, () -> dynamo.describeTable(r -> r.tableName(table)))
            .table()
            .tableArn();
    return retrier.call("ListTagsOfResource " + table, () -> tags(dynamo, arn));
  }

  /** Every tag of the resource {@code arn}, page by page. */
  static Map<String, String> tags(DynamoDbClient dynamo, String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String next = null;
    do {
      String token = next;
      ListTagsOfResourceResponse page =
          dynamo.listTagsOfResource(r -> r.resourceArn(arn).nextToken(token));
      page.tags().forEach(t -> tags.put(t.key(), t.value()));
      next = page.nextToken();
    } while (next != null);
    return tags;
  }
}
