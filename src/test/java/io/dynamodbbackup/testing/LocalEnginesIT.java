package io.dynamodbbackup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
    URI endpoint = engines.dynamoEndpoint();
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n"
                  + "Content-Type: application/x-amz-json-1.0\r\n\r\n{\"TableName\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoLinger(true, 0); // reset, as a cancelled SDK call does
    }
    Thread.sleep(200);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(dynamo.listTables().tableNames()).isNotNull();
    }
  }

  @Test
  void s3proxy_completesMultipartUploads(LocalEngines engines) {
    String bucket = engines.createBucket();
    try (S3Client s3 = engines.s3()) {
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
    assertThat(EngineProcess.accepts(dynamo.getPort())).isTrue();
    assertThat(EngineProcess.accepts(s3.getPort())).isTrue();
    assertThat(EngineProcess.accepts(moto.getPort())).isTrue();

    engines.close();

    assertThat(EngineProcess.accepts(dynamo.getPort())).isFalse();
    assertThat(EngineProcess.accepts(s3.getPort())).isFalse();
    assertThat(EngineProcess.accepts(moto.getPort())).isFalse();
  }
}
