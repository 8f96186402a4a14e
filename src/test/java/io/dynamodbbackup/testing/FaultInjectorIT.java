package io.dynamodbbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(LocalEnginesExtension.class)
class FaultInjectorIT {

  @Test
  void throughputExceeded_reachesTheCallerAsTheRealExceptionType(LocalEngines engines) {
    FaultInjector faults =
        FaultInjector.builder().fail("Scan", Fault.THROUGHPUT_EXCEEDED, 1.0).build();
    String table = table(engines);
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      assertThatThrownBy(() -> dynamo.scan(b -> b.tableName(table).limit(10)))
          .isInstanceOfSatisfying(
              ProvisionedThroughputExceededException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("ProvisionedThroughputExceededException");
              });
      assertThat(dynamo.describeTable(b -> b.tableName(table)).table().tableName())
          .isEqualTo(table);
    }
    assertThat(faults.injected("Scan")).isEqualTo(1);
  }

  @Test
  void throttlingAndServerErrors_carryTheirStatusAndCode(LocalEngines engines) {
    String table = table(engines);
    FaultInjector faults =
        FaultInjector.builder()
            .fail("Scan", Fault.THROTTLING, 1.0)
            .fail("GetItem", Fault.INTERNAL_ERROR, 1.0)
            .fail("DescribeTable", Fault.SERVICE_UNAVAILABLE, 1.0)
            .build();
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      assertThatThrownBy(() -> dynamo.scan(b -> b.tableName(table).limit(10)))
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              });
      assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s("x")))))
          .isInstanceOfSatisfying(
              InternalServerErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThatThrownBy(() -> dynamo.describeTable(b -> b.tableName(table)))
          .isInstanceOfSatisfying(
              DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }
    assertThat(faults.injected()).isEqualTo(3);
  }

  @Test
  void droppedConnection_failsBeforeSendingWithAnIoCause(LocalEngines engines) {
    String table = table(engines);
    FaultInjector faults =
        FaultInjector.builder().fail("PutItem", Fault.CONNECTION_DROPPED, 1.0).build();
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      assertThatThrownBy(
              () -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("dropped")))))
          .isInstanceOf(SdkClientException.class)
          .hasCauseInstanceOf(IOException.class);
    }
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, table)).isEmpty();
    }
    assertThat(faults.injected("PutItem")).isEqualTo(1);
  }

  @Test
  void fraction_isRepeatableForASeed(LocalEngines engines) {
    String table = table(engines);
    List<Boolean> first = failuresOfTwentyScans(engines, table, 99);

    assertThat(failuresOfTwentyScans(engines, table, 99)).isEqualTo(first);
    assertThat(first.stream().filter(failed -> failed).count()).isBetween(3L, 17L);
  }

  private static List<Boolean> failuresOfTwentyScans(
      LocalEngines engines, String table, long seed) {
    FaultInjector faults =
        FaultInjector.builder().seed(seed).fail("Scan", Fault.THROTTLING, 0.5).build();
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      return java.util.stream.IntStream.range(0, 20)
          .mapToObj(
              i -> {
                try {
                  dynamo.scan(b -> b.tableName(table).limit(1));
                  return false;
                } catch (DynamoDbException e) {
                  return true;
                }
              })
          .toList();
    }
  }

  @Test
  void failFirst_letsCallsThroughAfterTheLimit(LocalEngines engines) {
    String table = table(engines);
    FaultInjector faults =
        FaultInjector.builder().failFirst("Scan", Fault.INTERNAL_ERROR, 2).build();
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> dynamo.scan(b -> b.tableName(table).limit(1)))
            .isInstanceOf(InternalServerErrorException.class);
      }
      assertThat(dynamo.scan(b -> b.tableName(table).limit(1)).items()).isEmpty();
    }
    assertThat(faults.injected("Scan")).isEqualTo(2);
  }

  @Test
  void unprocessedItems_areReallyNotWrittenAndListedInTheResponse(LocalEngines engines) {
    String table = table(engines);
    List<Map<String, AttributeValue>> items = TestItems.everyType(3, 25);
    FaultInjector faults = FaultInjector.builder().seed(5).unprocessedItems(0.5).build();
    List<WriteRequest> writes =
        items.stream().map(i -> WriteRequest.builder().putRequest(p -> p.item(i)).build()).toList();
    try (DynamoDbClient dynamo = engines.dynamo(faults)) {
      BatchWriteItemResponse response =
          dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));

      Set<AttributeValue> unprocessed =
          response.unprocessedItems().get(table).stream()
              .map(w -> w.putRequest().item().get("pk"))
              .collect(Collectors.toSet());
      Set<AttributeValue> written =
          TestTables.scanAll(dynamo, table).stream()
              .map(i -> i.get("pk"))
              .collect(Collectors.toSet());
      assertThat(unprocessed).hasSize(faults.unprocessedItems()).isNotEmpty();
      assertThat(written).doesNotContainAnyElementsOf(unprocessed);
      assertThat(written.size() + unprocessed.size()).isEqualTo(items.size());
    }
  }

  @Test
  void s3Faults_areS3Errors(LocalEngines engines) {
    String bucket = engines.createBucket();
    FaultInjector faults =
        FaultInjector.builder()
            .fail("UploadPart", Fault.THROUGHPUT_EXCEEDED, 1.0)
            .fail("PutObject", Fault.INTERNAL_ERROR, 1.0)
            .build();
    try (S3Client s3 = engines.s3(faults)) {
      String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
      assertThatThrownBy(
              () ->
                  s3.uploadPart(
                      b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                      RequestBody.fromString("part")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                assertThat(e.isThrottlingException()).isTrue();
              });
      assertThatThrownBy(
              () -> s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("x")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId));
    }
  }

  @Test
  void logsFaults_areThrottlingExceptions(LocalEngines engines) {
    FaultInjector faults =
        FaultInjector.builder().fail("DescribeLogGroups", Fault.THROTTLING, 1.0).build();
    try (CloudWatchLogsClient logs = engines.logs(faults)) {
      assertThatThrownBy(logs::describeLogGroups)
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
              });
    }
  }

  @Test
  void operationRecorder_namesEveryCallWithItsIamPrefix(LocalEngines engines) {
    OperationRecorder recorder = new OperationRecorder();
    String table = engines.uniqueTableName("rec");
    String bucket = engines.createBucket();
    try (DynamoDbClient dynamo = engines.dynamo(recorder);
        S3Client s3 = engines.s3(recorder);
        CloudWatchLogsClient logs = engines.logs(recorder)) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      TestTables.scanAll(dynamo, table);
      s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
      logs.describeLogGroups();
    }
    assertThat(recorder.operations())
        .containsExactly(
            "dynamodb:CreateTable",
            "dynamodb:DescribeTable",
            "dynamodb:Scan",
            "logs:DescribeLogGroups",
            "s3:PutObject");
  }

  private static String table(LocalEngines engines) {
    String table = engines.uniqueTableName("faults");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
    }
    return table;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
