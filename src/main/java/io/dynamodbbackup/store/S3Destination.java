package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Writes backups into one S3 bucket. */
public final class S3Destination implements Destination {

  private final S3Client s3;
  private final String bucket;
  private final S3Encryption encryption;
  private final Retrier retrier;
  private final int uploadConcurrency;
  private final Consumer<String> warnings;

  public S3Destination(
      S3Client s3,
      String bucket,
      S3Encryption encryption,
      Retrier retrier,
      int uploadConcurrency,
      Consumer<String> warnings) {
    this.s3 = s3;
    this.bucket = bucket;
    this.encryption = encryption;
    this.retrier = retrier;
    this.uploadConcurrency = uploadConcurrency;
    this.warnings = warnings;
  }

  @Override
  public void checkWritable() {
    retrier.call("HeadBucket " + bucket, () -> s3.headBucket(r -> r.bucket(bucket)));
  }

  @Override
  public ObjectSink openObject(String key, String contentType) {
    return new S3MultipartSink(
        s3,
        new S3Location(bucket, key),
        contentType,
        encryption,
        retrier,
        uploadConcurrency,
        warnings);
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType);
    encryption.apply(put);
    PutObjectRequest request = put.build();
    retrier.call(
        "PutObject " + uri(key), () -> s3.putObject(request, RequestBody.fromBytes(bytes)));
  }

  @Override
  public void delete(String key) {
    retrier.call("DeleteObject " + uri(key), () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
  }

  @Override
  public String uri(String key) {
    return new S3Location(bucket, key).uri();
  }
}
