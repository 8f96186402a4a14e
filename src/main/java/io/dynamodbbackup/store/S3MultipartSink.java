package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Streams an object into S3 as a multipart upload, with up to {@code concurrency} parts uploading
 * while the next one fills. The first part is held back until a second one exists, so that a small
 * object is written with a single PutObject. Any failure aborts the upload: S3 then holds nothing
 * under the key.
 */
final class S3MultipartSink implements ObjectSink {

  private final S3Client s3;
  private final S3Location target;
  private final String contentType;
  private final S3Encryption encryption;
  private final Retrier retrier;
  private final Consumer<String> warnings;
  private final Semaphore inFlight;
  private final ExecutorService uploads;
  private final List<Future<?>> pending = new ArrayList<>();
  private final ConcurrentLinkedQueue<CompletedPart> completed = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private byte[] firstPart;
  private int firstLength;
  private String uploadId;

  S3MultipartSink(
      S3Client s3,
      S3Location target,
      String contentType,
      S3Encryption encryption,
      Retrier retrier,
      int concurrency,
      Consumer<String> warnings) {
    this.s3 = s3;
    this.target = target;
    this.contentType = contentType;
    this.encryption = encryption;
    this.retrier = retrier;
    this.warnings = warnings;
    this.inFlight = new Semaphore(concurrency);
    this.uploads =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "upload-" + target.key());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void writePart(int partNumber, byte[] data, int length) throws IOException {
    throwIfFailed();
    if (partNumber == 1) {
      firstPart = data;
      firstLength = length;
      return;
    }
    if (uploadId == null) {
      CreateMultipartUploadRequest.Builder create =
          CreateMultipartUploadRequest.builder()
              .bucket(target.bucket())
              .key(target.key())
              .contentType(contentType);
      encryption.apply(create);
      uploadId =
          retrier
              .call(
                  "CreateMultipartUpload " + target, () -> s3.createMultipartUpload(create.build()))
              .uploadId();
      submit(1, firstPart, firstLength);
      firstPart = null;
    }
    submit(partNumber, data, length);
  }

  @Override
  public void complete(long totalBytes) throws IOException {
    try {
      if (uploadId == null) {
        putWhole();
        return;
      }
      for (Future<?> f : pending) {
        f.get();
      }
      throwIfFailed();
      List<CompletedPart> parts = new ArrayList<>(completed);
      parts.sort(Comparator.comparing(CompletedPart::partNumber));
      retrier.call(
          "CompleteMultipartUpload " + target,
          () ->
              s3.completeMultipartUpload(
                  r ->
                      r.bucket(target.bucket())
                          .key(target.key())
                          .uploadId(uploadId)
                          .multipartUpload(m -> m.parts(parts))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while completing " + target);
    } catch (ExecutionException e) {
      throwIfFailed();
      throw new IOException("upload of " + target + " failed", e.getCause());
    } finally {
      uploads.shutdownNow();
    }
  }

  @Override
  public void abort() {
    pending.forEach(f -> f.cancel(true));
    uploads.shutdownNow();
    firstPart = null;
    if (uploadId != null) {
      try {
        retrier.run(
            "AbortMultipartUpload " + target,
            () ->
                s3.abortMultipartUpload(
                    r -> r.bucket(target.bucket()).key(target.key()).uploadId(uploadId)));
      } catch (RuntimeException e) {
        warnings.accept(
            "could not abort multipart upload "
                + uploadId
                + " of "
                + target
                + " ("
                + e.getMessage()
                + "); a bucket lifecycle rule for incomplete uploads removes it");
      }
    }
  }

  private void putWhole() {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(target.bucket())
            .key(target.key())
            .contentType(contentType);
    encryption.apply(put);
    PutObjectRequest request = put.build();
    byte[] data = firstPart == null ? new byte[0] : firstPart;
    int length = firstPart == null ? 0 : firstLength;
    retrier.call(
        "PutObject " + target,
        () -> s3.putObject(request, RequestBody.fromByteBuffer(ByteBuffer.wrap(data, 0, length))));
  }

  private void submit(int partNumber, byte[] data, int length) throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to upload part " + partNumber);
    }
    String what = "UploadPart " + partNumber + " of " + target;
    pending.add(
        uploads.submit(
            () -> {
              try {
                String etag =
                    retrier
                        .call(
                            what,
                            () ->
                                s3.uploadPart(
                                    r ->
                                        r.bucket(target.bucket())
                                            .key(target.key())
                                            .uploadId(uploadId)
                                            .partNumber(partNumber)
                                            .contentLength((long) length),
                                    RequestBody.fromByteBuffer(ByteBuffer.wrap(data, 0, length))))
                        .eTag();
                completed.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                inFlight.release();
              }
            }));
  }

  private void throwIfFailed() throws IOException {
    Throwable t = failure.get();
    if (t != null) {
      if (t instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("upload to " + target + " failed: " + t.getMessage(), t);
    }
  }
}
