package io.dynamodbbackup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dynamodb-backup [options]}: backs up, exactly as the original tool was invoked. */
@Command(
    name = "dynamodb-backup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Backs up a DynamoDB table to one file in S3, and restores and verifies such files.",
      "With no command it backs up; every important option defaults from the environment.",
    },
    footer = {
      "",
      "Exit status: 0 done, 1 failed (one line on stderr says what and where), 2 usage error."
    })
final class RootCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin BackupOptions backup;
  @Mixin ExportOptions export;
  @Mixin OutputOptions output;
  @Mixin AwsOptions aws;

  private final ToolContext context;

  RootCommand(ToolContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return BackupCommand.run(spec.commandLine(), backup, export, output, aws, context);
  }
}
