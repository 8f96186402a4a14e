package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes backups into one S3 bucket; the store confirms every object it is given. */
public final class S3Destination implements Destination {

  private final S3Client s3;
  private final String bucket;
  private final S3Encryption encryption;
  private final Retrier retrier;
  private final S3Dialect dialect;
  private final int uploadConcurrency;
  private final Consumer<String> warnings;

  public S3Destination(
      S3Client s3,
      String bucket,
      S3Encryption encryption,
      Retrier retrier,
      S3Dialect dialect,
      int uploadConcurrency,
      Consumer<String> warnings) {
    this.s3 = s3;
    this.bucket = bucket;
    this.encryption = encryption;
    this.retrier = retrier;
    this.dialect = dialect;
    this.uploadConcurrency = uploadConcurrency;
    this.warnings = warnings;
  }

  @Override
  public void checkWritable() {
    retrier.call("HeadBucket " + bucket, () -> s3.headBucket(r -> r.bucket(bucket)));
  }

  @Override
  public ObjectSink openObject(
      String key, String contentType, Upload stored, UploadListener listener) {
    return new S3MultipartSink(
        s3,
        new S3Location(bucket, key),
        contentType,
        encryption,
        retrier,
        dialect,
        uploadConcurrency,
        warnings,
        stored,
        listener);
  }

  @Override
  public S3ObjectSource source() {
    return new S3ObjectSource(s3, bucket, retrier);
  }

  @Override
  public boolean exists(String key) {
    return source().exists(key);
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
