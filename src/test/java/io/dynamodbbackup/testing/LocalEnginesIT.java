package io.dynamodbbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(LocalEnginesExtension.class)
class LocalEnginesIT {
  private static final int PART_SIZE = 5 * 1024 * 1024;

  @Test
  void dynalite_createsTablesThatAreActiveAtOnce(LocalEngines engines) {
    String table = engines.uniqueTableName("smoke");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);

      assertThat(dynamo.listTables().tableNames()).contains(table);
    }
  }

  @Test
  void dynalite_survivesAClientThatDropsTheConnectionMidRequest(LocalEngines engines)
      throws Exception {
    dropMidRequest(
        engines.dynamoEndpoint(),
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n\r\n{\"TableName\":");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(dynamo.listTables().tableNames()).isNotNull();
    }
  }

  @Test
  void s3rver_survivesAClientThatDropsTheConnectionMidUpload(LocalEngines engines)
      throws Exception {
    String bucket = engines.createBucket(S3Store.S3RVER);
    dropMidRequest(
        engines.s3Endpoint(S3Store.S3RVER),
        "PUT /"
            + bucket
            + "/dropped.bin HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Length: 1000000\r\n\r\n"
            + "x".repeat(64 * 1024));
    try (S3Client s3 = engines.s3(S3Store.S3RVER)) {
      s3.putObject(b -> b.bucket(bucket).key("after.bin"), RequestBody.fromString("still here"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("after.bin")).asUtf8String())
          .isEqualTo("still here");
    }
  }

  /** Sends the start of a request, then resets the connection, as a cancelled SDK call does. */
  private static void dropMidRequest(URI endpoint, String start) throws Exception {
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(start.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoLinger(true, 0);
    }
    Thread.sleep(200);
  }

  @ParameterizedTest
  @EnumSource(S3Store.class)
  void s3_completesMultipartUploads(S3Store store, LocalEngines engines) {
    String bucket = engines.createBucket(store);
    try (S3Client s3 = engines.s3(store)) {
      String uploadId =
          s3.createMultipartUpload(b -> b.bucket(bucket).key("backup.bin")).uploadId();
      byte[] part = new byte[PART_SIZE];
      String etag1 =
          s3.uploadPart(
                  b -> b.bucket(bucket).key("backup.bin").uploadId(uploadId).partNumber(1),
                  RequestBody.fromBytes(part))
              .eTag();
      String etag2 =
          s3.uploadPart(
                  b -> b.bucket(bucket).key("backup.bin").uploadId(uploadId).partNumber(2),
                  RequestBody.fromBytes(new byte[] {1, 2, 3}))
              .eTag();
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key("backup.bin")
                  .uploadId(uploadId)
                  .multipartUpload(
                      m ->
                          m.parts(
                              CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                              CompletedPart.builder().partNumber(2).eTag(etag2).build())));

      assertThat(s3.headObject(b -> b.bucket(bucket).key("backup.bin")).contentLength())
          .isEqualTo(PART_SIZE + 3L);
    }
  }

  @Test
  void s3proxy_abortedMultipartUploadLeavesNothing(LocalEngines engines) {
    String bucket = engines.createBucket();
    try (S3Client s3 = engines.s3()) {
      String uploadId =
          s3.createMultipartUpload(b -> b.bucket(bucket).key("aborted.bin")).uploadId();
      s3.uploadPart(
          b -> b.bucket(bucket).key("aborted.bin").uploadId(uploadId).partNumber(1),
          RequestBody.fromBytes(new byte[PART_SIZE]));

      s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted.bin").uploadId(uploadId));

      List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
      assertThat(objects).isEmpty();
      assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }
  }

  @Test
  void moto_servesLogsAndTheDynamoDbCallsDynaliteLacks(LocalEngines engines) {
    engines.resetMoto();
    String table = engines.uniqueTableName("ttl");
    try (CloudWatchLogsClient logs = engines.logs();
        DynamoDbClient dynamo = engines.motoDynamo()) {
      logs.createLogGroup(b -> b.logGroupName("/dynamodb-backup/test"));
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      dynamo.updateTimeToLive(
          b ->
              b.tableName(table)
                  .timeToLiveSpecification(t -> t.enabled(true).attributeName("exp")));

      assertThat(logs.describeLogGroups().logGroups())
          .extracting(g -> g.logGroupName())
          .containsExactly("/dynamodb-backup/test");
      assertThat(
              dynamo
                  .describeTimeToLive(b -> b.tableName(table))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
    }
  }

  @Test
  void close_stopsEveryEngine() {
    LocalEngines engines = LocalEngines.start();
    URI dynamo = engines.dynamoEndpoint();
    URI s3 = engines.s3Endpoint();
    URI moto = engines.motoEndpoint();
    URI s3rver = engines.s3Endpoint(S3Store.S3RVER);
    List<URI> all = List.of(dynamo, s3, moto, s3rver);
    assertThat(all).allSatisfy(e -> assertThat(EngineProcess.accepts(e.getPort())).isTrue());

    engines.close();

    assertThat(all).allSatisfy(e -> assertThat(EngineProcess.accepts(e.getPort())).isFalse());
  }
}
