package io.dynamodbbackup.cli;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fills options from environment variables, as the original tool did, so that a container task is
 * configured by its environment alone.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  /**
   * Option name to the environment variable that supplies its default: the original tool's, the AWS
   * SDKs' standard endpoint variables, and the roles a deployment assumes.
   */
  static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("--table", "TABLE_NAME"),
          Map.entry("--bucket", "BACKUP_FILE_BUCKET"),
          Map.entry("--log-group", "CLOUDWATCH_LOG_GROUP"),
          Map.entry("--log-stream", "CLOUDWATCH_LOG_STREAM"),
          Map.entry("--region", "AWS_REGION"),
          Map.entry("--profile", "AWS_PROFILE"),
          Map.entry("--endpoint-url", "AWS_ENDPOINT_URL"),
          Map.entry("--dynamodb-endpoint", "AWS_ENDPOINT_URL_DYNAMODB"),
          Map.entry("--s3-endpoint", "AWS_ENDPOINT_URL_S3"),
          Map.entry("--logs-endpoint", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"),
          Map.entry("--sts-endpoint", "AWS_ENDPOINT_URL_STS"),
          // Not AWS_ROLE_ARN: the SDK's web identity credentials (EKS) take that one.
          Map.entry("--role-arn", "DYNAMODB_ROLE_ARN"),
          Map.entry("--external-id", "DYNAMODB_ROLE_EXTERNAL_ID"),
          Map.entry("--s3-role-arn", "S3_ROLE_ARN"));

  /**
   * The backup engine of a scheduled task: {@code scan}, {@code export}, or {@code
   * export-incremental} ({@code --engine export --incremental}). Read by the backup (the root
   * command and {@code backup}) only: the restore command's {@code --engine} means something else.
   */
  static final String BACKUP_ENGINE = "BACKUP_ENGINE";

  private static final String EXPORT_INCREMENTAL = "export-incremental";

  private static final Set<String> BACKUP_COMMANDS = Set.of("backup", "dynamodb-backup");

  private final Map<String, String> env;

  EnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      String variable = VARIABLES.get(option.longestName());
      if (variable == null
          && option.command() != null
          && BACKUP_COMMANDS.contains(option.command().name())) {
        return backupEngine(option.longestName());
      }
      if (variable != null) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : value;
      }
    }
    return null;
  }

  private String backupEngine(String option) {
    String engine = env.get(BACKUP_ENGINE);
    if (engine == null || engine.isBlank()) {
      return null;
    }
    boolean incremental = engine.strip().equals(EXPORT_INCREMENTAL);
    return switch (option) {
      case "--engine" -> incremental ? "export" : engine.strip();
      case "--incremental" -> incremental ? "true" : null;
      default -> null;
    };
  }
}
