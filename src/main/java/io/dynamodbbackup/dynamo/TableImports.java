package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;

/**
 * DynamoDB's Import from S3: start an import into a new table and wait for it, polling
 * DescribeImport, soon at first and then every half minute.
 */
public final class TableImports {

  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(30);

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final Poller poller;

  public TableImports(DynamoDbClient dynamo, Retrier retrier) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.poller = new Poller(retrier, FIRST_POLL, MAX_POLL);
  }

  /** Starts an import; the request's ClientToken makes a repeated request start none. */
  public ImportTableDescription start(ImportTableRequest request) {
    return retrier
        .call(
            "ImportTable into " + request.tableCreationParameters().tableName(),
            () -> dynamo.importTable(request))
        .importTableDescription();
  }

  /** Polls until the import has ended, whatever its status; every answer goes to {@code onPoll}. */
  public ImportTableDescription await(String importArn, Consumer<ImportTableDescription> onPoll) {
    return poller.until(
        "DescribeImport " + importArn,
        () -> dynamo.describeImport(r -> r.importArn(importArn)).importTableDescription(),
        d -> d.importStatus() != ImportStatus.IN_PROGRESS,
        onPoll);
  }
}
