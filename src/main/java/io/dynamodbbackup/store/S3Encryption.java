package io.dynamodbbackup.store;

import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption of written objects: S3-managed keys (AES256), a KMS key, or none (for
 * S3-compatible servers that refuse the header).
 */
public record S3Encryption(ServerSideEncryption algorithm, String kmsKeyId) {

  public S3Encryption {
    if (kmsKeyId != null && algorithm != ServerSideEncryption.AWS_KMS) {
      throw new IllegalArgumentException("a KMS key id needs aws:kms encryption, not " + algorithm);
    }
  }

  public static S3Encryption s3Managed() {
    return new S3Encryption(ServerSideEncryption.AES256, null);
  }

  public static S3Encryption kms(String keyId) {
    return new S3Encryption(ServerSideEncryption.AWS_KMS, keyId);
  }

  public static S3Encryption none() {
    return new S3Encryption(null, null);
  }

  void apply(PutObjectRequest.Builder request) {
    if (algorithm != null) {
      request.serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId);
    }
  }

  void apply(CreateMultipartUploadRequest.Builder request) {
    if (algorithm != null) {
      request.serverSideEncryption(algorithm).ssekmsKeyId(kmsKeyId);
    }
  }
}
