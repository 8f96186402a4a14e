package io.dynamodbbackup.backup;

import io.dynamodbbackup.ClientTokens;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.schema.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.S3SseAlgorithm;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The ExportTableToPointInTime request of one export: DynamoDB JSON under the backup's folder,
 * encrypted as the backup's objects are, with a ClientToken that makes a repeated request start no
 * second export.
 */
final class ExportRequests {

  private ExportRequests() {}

  static ExportTableToPointInTimeRequest request(
      ExportPlan plan, TableSchema schema, ExportKey key, Link link) {
    ExportTableToPointInTimeRequest.Builder b =
        ExportTableToPointInTimeRequest.builder()
            .tableArn(schema.tableArn())
            .clientToken(clientToken(schema.tableArn(), link))
            .s3Bucket(plan.bucket())
            .s3Prefix(key.exportPrefix())
            .exportFormat(ExportFormat.DYNAMODB_JSON);
    if (link.incremental()) {
      b.exportType(ExportType.INCREMENTAL_EXPORT)
          .incrementalExportSpecification(
              s ->
                  s.exportFromTime(link.from())
                      .exportToTime(link.to())
                      .exportViewType(ExportViewType.NEW_AND_OLD_IMAGES));
    } else {
      b.exportType(ExportType.FULL_EXPORT).exportTime(link.to());
    }
    ServerSideEncryption sse = plan.encryption() == null ? null : plan.encryption().algorithm();
    if (sse == ServerSideEncryption.AES256) {
      b.s3SseAlgorithm(S3SseAlgorithm.AES256);
    } else if (sse == ServerSideEncryption.AWS_KMS) {
      b.s3SseAlgorithm(S3SseAlgorithm.KMS).s3SseKmsKeyId(plan.encryption().kmsKeyId());
    }
    return b.build();
  }

  /** The same table and moment (or window) give the same token, so AWS starts one export. */
  static String clientToken(String tableArn, Link link) {
    return ClientTokens.of(tableArn + "|" + link.type() + "|" + link.from() + "|" + link.to());
  }
}
