package io.dynamodbbackup.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints deploy/dynamodb-backup.yaml with cfn-lint, deploys it into moto's CloudFormation with the
 * AWS CLI, and checks what the stack created.
 *
 * <p>moto's CloudFormation does not create AWS::Scheduler::Schedule or AWS::S3::BucketPolicy, and
 * of AWS::S3::Bucket it applies only the encryption; of AWS::ECS::TaskDefinition it keeps only
 * family, containers and memory. Those settings are checked in the template itself, as cfn-lint
 * reads it (tests named {@code template_...}). Tools come from the PATH unless the system
 * properties cfn.lint, moto.server, aws.cli or python name them.
 */
class CloudFormationStackIT {

  private static final Path TEMPLATE = CfnTemplate.PATH;
  private static final String KMS_KEY =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String SOURCE_ROLE = "arn:aws:iam::111122223333:role/dynamodb-backup-reader";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The actions of the task roles as deployed; LeastPrivilegeIT proves that they are exactly what
   * the tool calls.
   */
  private static final List<String> BACKUP_ACTIONS =
      List.of(
          "dynamodb:DescribeContinuousBackups",
          "dynamodb:DescribeExport",
          "dynamodb:DescribeTable",
          "dynamodb:DescribeTimeToLive",
          "dynamodb:ExportTableToPointInTime",
          "dynamodb:ListTagsOfResource",
          "dynamodb:Scan",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "s3:AbortMultipartUpload",
          "s3:DeleteObject",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListMultipartUploadParts",
          "s3:PutObject",
          "s3:PutObjectAcl");

  private static final List<String> RESTORE_ACTIONS =
      List.of(
          "dynamodb:BatchGetItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:CreateTable",
          "dynamodb:DeleteItem",
          "dynamodb:DescribeImport",
          "dynamodb:DescribeTable",
          "dynamodb:ImportTable",
          "dynamodb:PutItem",
          "dynamodb:Scan",
          "dynamodb:TagResource",
          "dynamodb:UpdateContinuousBackups",
          "dynamodb:UpdateTable",
          "dynamodb:UpdateTimeToLive",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DescribeLogGroups",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents",
          "logs:PutRetentionPolicy",
          "s3:DeleteObject",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListBucketMultipartUploads",
          "s3:PutObject");

  private static Path work;
  private static Process moto;
  private static String endpoint;
  private static Stack nightly;
  private static Stack withKms;
  private static JsonNode template;

  @BeforeAll
  static void deployStacks() throws Exception {
    work = Files.createDirectories(Path.of("target", "cloudformation-it"));
    template = CfnTemplate.read(TEMPLATE);
    int port = freePort();
    endpoint = "http://127.0.0.1:" + port;
    moto =
        new ProcessBuilder(tool("moto.server", "moto_server"), "-H", "127.0.0.1", "-p", "" + port)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("moto_server.log").toFile())
            .start();
    awaitMoto();
    nightly =
        deploy(
            "nightly",
            Map.of("TableNames", "users,orders", "BackupEngines", ",export-incremental"));
    withKms =
        deploy(
            "with-kms",
            Map.of(
                "TableNames",
                "users",
                "BackupEngines",
                "export-incremental",
                "RestoreTableNames",
                "users-restored-*,scratch",
                "KmsKeyArn",
                KMS_KEY,
                "ToolCloudWatchLogging",
                "true",
                "BackupRetentionDays",
                "14",
                "LogRetentionDays",
                "7",
                "TaskMemory",
                "4096",
                "SourceRoleArn",
                SOURCE_ROLE,
                "SourceRoleExternalId",
                "central-backups"));
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (moto != null) {
      moto.destroy();
      if (!moto.waitFor(10, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }

  @Test
  void template_passesCfnLintWithoutErrorsOrWarnings() throws Exception {
    Result lint = exec(List.of(tool("cfn.lint", "cfn-lint"), "--", "" + TEMPLATE));
    assertThat(lint.exitCode()).as("cfn-lint findings:%n%s", lint.output()).isZero();
  }

  @Test
  void stack_outputsTheBucketClusterTaskDefinitionsAndLogGroup() {
    assertThat(nightly.outputs())
        .containsKeys(
            "BucketName",
            "ClusterName",
            "BackupTaskDefinitionArn",
            "RestoreTaskDefinitionArn",
            "LogGroupName",
            "RunTaskNetworkConfiguration");
    assertThat(nightly.outputs().get("BackupTaskDefinitionArn")).contains(":task-definition/");
    assertThat(nightly.outputs().get("RunTaskNetworkConfiguration"))
        .isEqualTo(
            "awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-4e5f6a7b],"
                + "securityGroups=[sg-0a1b2c3d],assignPublicIp=DISABLED}");
  }

  @Test
  void bucket_isEncryptedWithSseS3WhenNoKmsKeyIsGiven() throws Exception {
    JsonNode rule = bucketEncryption(nightly);
    assertThat(rule.at("/ApplyServerSideEncryptionByDefault/SSEAlgorithm").asText())
        .isEqualTo("AES256");
  }

  @Test
  void bucket_isEncryptedWithTheGivenKmsKey() throws Exception {
    JsonNode rule = bucketEncryption(withKms);
    assertThat(rule.at("/ApplyServerSideEncryptionByDefault/SSEAlgorithm").asText())
        .isEqualTo("aws:kms");
    assertThat(rule.at("/ApplyServerSideEncryptionByDefault/KMSMasterKeyID").asText())
        .isEqualTo(KMS_KEY);
    // moto drops BucketKeyEnabled; the template sets it whenever a key is given.
    assertThat(
            template
                .at(
                    "/Resources/BackupBucket/Properties/BucketEncryption"
                        + "/ServerSideEncryptionConfiguration/0/BucketKeyEnabled/Fn::If")
                .toString())
        .isEqualTo("[\"HasKmsKey\",true,{\"Ref\":\"AWS::NoValue\"}]");
  }

  @Test
  void logGroup_keepsLogsForTheRetentionParameter() throws Exception {
    assertThat(logRetention(nightly)).isEqualTo(30);
    assertThat(logRetention(withKms)).isEqualTo(7);
  }

  @Test
  void backupTaskRole_allowsExactlyTheBackupActions_onTheNamedTablesBucketAndLogGroup()
      throws Exception {
    JsonNode policy = rolePolicy(nightly, "BackupTaskRole", "dynamodb-backup");
    assertThat(actions(policy)).containsExactlyElementsOf(BACKUP_ACTIONS);
    assertThat(resources(statement(policy, "ReadTables")))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:123456789012:table/users",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    String bucketArn = "arn:aws:s3:::" + nightly.outputs().get("BucketName");
    assertThat(resources(statement(policy, "WriteBackupObjects")))
        .containsExactly(bucketArn + "/*");
    assertThat(resources(statement(policy, "ListBackupBucket"))).containsExactly(bucketArn);
    assertThat(resources(statement(policy, "ToolLogs")))
        .allMatch(arn -> arn.contains(":log-group:/dynamodb-backup/nightly"));
  }

  @Test
  void backupTaskRole_mayUseTheKmsKeyOnlyWhenOneIsGiven() throws Exception {
    JsonNode policy = rolePolicy(withKms, "BackupTaskRole", "dynamodb-backup");
    JsonNode kms = statement(policy, "UseBucketKey");
    assertThat(strings(kms.get("Action"))).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    assertThat(resources(kms)).containsExactly(KMS_KEY);
    assertThat(actions(rolePolicy(nightly, "BackupTaskRole", "dynamodb-backup")))
        .noneMatch(action -> action.startsWith("kms:"));
  }

  @Test
  void backupTaskRole_mayExportTheStacksTables_onlyWhenATableUsesAnExportEngine() throws Exception {
    JsonNode policy = rolePolicy(nightly, "BackupTaskRole", "dynamodb-backup");
    assertThat(resources(statement(policy, "ExportTables")))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:123456789012:table/users",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    assertThat(resources(statement(policy, "DescribeExports")))
        .containsExactly("arn:aws:dynamodb:us-east-1:123456789012:table/*/export/*");
    assertThat(strings(statement(policy, "ExportWrites").get("Action")))
        .containsExactly("s3:PutObjectAcl");
    // With a SourceRoleArn the DynamoDB calls, exports included, are the source role's.
    assertThat(actions(rolePolicy(withKms, "BackupTaskRole", "dynamodb-backup")))
        .doesNotContain(
            "dynamodb:ExportTableToPointInTime", "dynamodb:DescribeExport", "s3:PutObjectAcl");
  }

  @Test
  void backupTaskRole_assumesTheSourceRoleInsteadOfReadingTables_onlyWhenOneIsGiven()
      throws Exception {
    JsonNode policy = rolePolicy(withKms, "BackupTaskRole", "dynamodb-backup");
    JsonNode assume = statement(policy, "AssumeSourceRole");
    assertThat(strings(assume.get("Action"))).containsExactly("sts:AssumeRole");
    assertThat(resources(assume)).containsExactly(SOURCE_ROLE);
    assertThat(actions(policy)).noneMatch(action -> action.startsWith("dynamodb:"));
    assertThat(actions(rolePolicy(nightly, "BackupTaskRole", "dynamodb-backup")))
        .noneMatch(action -> action.startsWith("sts:"));
    Map<String, String> backup =
        environment(
            taskDefinition(withKms, "BackupTaskDefinitionArn").at("/containerDefinitions/0"));
    assertThat(backup)
        .containsEntry("DYNAMODB_ROLE_ARN", SOURCE_ROLE)
        .containsEntry("DYNAMODB_ROLE_EXTERNAL_ID", "central-backups");
    assertThat(withKms.outputs().get("BackupTaskRoleArn"))
        .isEqualTo(roleArn(withKms, "BackupTaskRole"));
  }

  @Test
  void restoreTaskRole_allowsExactlyTheRestoreActions_onTheBackedUpTablesByDefault()
      throws Exception {
    JsonNode policy = rolePolicy(nightly, "RestoreTaskRole", "dynamodb-restore");
    assertThat(actions(policy)).containsExactlyElementsOf(RESTORE_ACTIONS);
    assertThat(resources(statement(policy, "CreateAndWriteTables")))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:123456789012:table/users",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders");
    assertThat(resources(statement(policy, "KeepRestoreState")))
        .containsExactly(
            "arn:aws:s3:::"
                + nightly.outputs().get("BucketName")
                + "/.dynamodb-backup/restore-state/*");
  }

  @Test
  void restoreTaskRole_writesOnlyToTheGivenTargetPatterns_andMayDecryptWithTheKey()
      throws Exception {
    JsonNode policy = rolePolicy(withKms, "RestoreTaskRole", "dynamodb-restore");
    assertThat(resources(statement(policy, "CreateAndWriteTables")))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:123456789012:table/users-restored-*",
            "arn:aws:dynamodb:us-east-1:123456789012:table/scratch");
    assertThat(strings(statement(policy, "UseBucketKey").get("Action")))
        .containsExactly("kms:Decrypt");
  }

  @Test
  void noRole_grantsAWildcardAction() throws Exception {
    for (Stack stack : List.of(nightly, withKms)) {
      for (String[] role :
          List.of(
              new String[] {"BackupTaskRole", "dynamodb-backup"},
              new String[] {"RestoreTaskRole", "dynamodb-restore"},
              new String[] {"ExecutionRole", "pull-image-and-write-logs"},
              new String[] {"SchedulerRole", "run-backup-task"})) {
        assertThat(actions(rolePolicy(stack, role[0], role[1])))
            .as("%s in stack %s", role[0], stack.name())
            .isNotEmpty()
            .noneMatch(action -> action.contains("*"));
      }
    }
  }

  @Test
  void roles_canBeAssumedOnlyByTheServiceThatUsesThem() throws Exception {
    assertThat(trustedService(nightly, "BackupTaskRole")).isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(trustedService(nightly, "RestoreTaskRole")).isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(trustedService(nightly, "ExecutionRole")).isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(trustedService(nightly, "SchedulerRole")).isEqualTo("scheduler.amazonaws.com");
  }

  @Test
  void schedulerRole_mayOnlyRunTheBackupTaskAndPassItsTwoRoles() throws Exception {
    JsonNode policy = rolePolicy(nightly, "SchedulerRole", "run-backup-task");
    assertThat(actions(policy)).containsExactly("ecs:RunTask", "iam:PassRole");
    assertThat(resources(statement(policy, "RunBackupTask")))
        .containsExactly("arn:aws:ecs:us-east-1:123456789012:task-definition/nightly-backup:*");
    assertThat(resources(statement(policy, "PassBackupTaskRoles")))
        .containsExactlyInAnyOrder(
            roleArn(nightly, "BackupTaskRole"), roleArn(nightly, "ExecutionRole"));
  }

  @Test
  void backupTaskDefinition_runsAsNonRoot_withTheEnvironmentContract_andAwslogs() throws Exception {
    JsonNode definition = taskDefinition(nightly, "BackupTaskDefinitionArn");
    assertThat(definition.get("memory").asText()).isEqualTo("2048");
    JsonNode container = definition.at("/containerDefinitions/0");
    assertThat(container.get("name").asText()).isEqualTo("dynamodb-backup");
    assertThat(container.get("image").asText()).isEqualTo("example.com/dynamodb-backup:1.0.0");
    assertThat(container.get("user").asText()).matches("[1-9]\\d*(:\\d+)?");
    assertThat(environment(container))
        .containsExactly(
            Map.entry("BACKUP_FILE_BUCKET", nightly.outputs().get("BucketName")),
            Map.entry("AWS_REGION", "us-east-1"));
    assertThat(container.at("/logConfiguration/logDriver").asText()).isEqualTo("awslogs");
    assertThat(container.at("/logConfiguration/options/awslogs-group").asText())
        .isEqualTo("/dynamodb-backup/nightly");
  }

  @Test
  void toolCloudWatchLogging_givesBothTasksTheLogGroupAndAStream() throws Exception {
    Map<String, String> backup =
        environment(
            taskDefinition(withKms, "BackupTaskDefinitionArn").at("/containerDefinitions/0"));
    Map<String, String> restore =
        environment(
            taskDefinition(withKms, "RestoreTaskDefinitionArn").at("/containerDefinitions/0"));
    assertThat(backup)
        .containsEntry("CLOUDWATCH_LOG_GROUP", "/dynamodb-backup/with-kms")
        .containsEntry("CLOUDWATCH_LOG_STREAM", "backup");
    assertThat(restore)
        .containsEntry("CLOUDWATCH_LOG_GROUP", "/dynamodb-backup/with-kms")
        .containsEntry("CLOUDWATCH_LOG_STREAM", "restore");
    assertThat(taskDefinition(withKms, "BackupTaskDefinitionArn").get("memory").asText())
        .isEqualTo("4096");
  }

  @Test
  void template_bucketIsVersionedExpiresBackupsBlocksPublicAccessAndRefusesPlainHttp() {
    JsonNode bucket = template.at("/Resources/BackupBucket/Properties");
    assertThat(bucket.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
    JsonNode expire = bucket.at("/LifecycleConfiguration/Rules/0");
    assertThat(expire.at("/ExpirationInDays/Ref").asText()).isEqualTo("BackupRetentionDays");
    assertThat(expire.at("/NoncurrentVersionExpiration/NoncurrentDays/Ref").asText())
        .isEqualTo("NoncurrentVersionRetentionDays");
    assertThat(expire.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt())
        .isPositive();
    JsonNode block = bucket.get("PublicAccessBlockConfiguration");
    for (String setting :
        List.of(
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(block.get(setting).asBoolean()).as(setting).isTrue();
    }
    JsonNode deny =
        template.at("/Resources/BackupBucketPolicy/Properties/PolicyDocument/Statement/0");
    assertThat(deny.get("Effect").asText()).isEqualTo("Deny");
    assertThat(deny.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    assertThat(template.at("/Resources/BackupBucketPolicy/Properties/Bucket/Ref").asText())
        .isEqualTo("BackupBucket");
  }

  @Test
  void template_taskDefinitionsAreFargateWithCpuMemoryAndTheirOwnTaskRoles() {
    for (String[] pair :
        List.of(
            new String[] {"BackupTaskDefinition", "BackupTaskRole"},
            new String[] {"RestoreTaskDefinition", "RestoreTaskRole"})) {
      JsonNode properties = template.at("/Resources/" + pair[0] + "/Properties");
      assertThat(strings(properties.get("RequiresCompatibilities"))).containsExactly("FARGATE");
      assertThat(properties.get("NetworkMode").asText()).isEqualTo("awsvpc");
      assertThat(properties.at("/Cpu/Ref").asText()).isEqualTo("TaskCpu");
      assertThat(properties.at("/Memory/Ref").asText()).isEqualTo("TaskMemory");
      assertThat(properties.at("/TaskRoleArn/Fn::GetAtt/0").asText()).isEqualTo(pair[1]);
      assertThat(properties.at("/ExecutionRoleArn/Fn::GetAtt/0").asText())
          .isEqualTo("ExecutionRole");
    }
  }

  @Test
  void template_hasOneFargateScheduleForEachOfTheTenTableSlots() {
    for (int slot = 1; slot <= 10; slot++) {
      JsonNode schedule = template.at("/Resources/BackupSchedule" + slot);
      assertThat(schedule.get("Type").asText()).isEqualTo("AWS::Scheduler::Schedule");
      if (slot == 1) {
        assertThat(schedule.has("Condition")).isFalse();
      } else {
        assertThat(schedule.get("Condition").asText()).isEqualTo("HasTable" + slot);
      }
      JsonNode target = schedule.at("/Properties/Target");
      assertThat(target.at("/Arn/Fn::GetAtt/0").asText()).isEqualTo("Cluster");
      assertThat(target.at("/RoleArn/Fn::GetAtt/0").asText()).isEqualTo("SchedulerRole");
      JsonNode ecs = target.get("EcsParameters");
      assertThat(ecs.at("/TaskDefinitionArn/Ref").asText()).isEqualTo("BackupTaskDefinition");
      assertThat(ecs.get("LaunchType").asText()).isEqualTo("FARGATE");
      assertThat(ecs.at("/NetworkConfiguration/AwsvpcConfiguration/Subnets/Ref").asText())
          .isEqualTo("Subnets");
      JsonNode input = target.at("/Input/Fn::Sub");
      assertThat(input.get(0).asText())
          .contains("\"name\":\"dynamodb-backup\"", "\"name\":\"TABLE_NAME\"", "${Table}")
          .contains("\"name\":\"BACKUP_ENGINE\"", "${Engine}");
      assertThat(input.at("/1/Table/Fn::Select/0").asInt()).isEqualTo(slot - 1);
      assertThat(schedule.at("/Properties/ScheduleExpression/Ref").asText())
          .isEqualTo("ScheduleExpression");
    }
    assertThat(template.at("/Resources/BackupSchedule11").isMissingNode()).isTrue();
    assertThat(template.at("/Parameters/ScheduleExpression/Default").asText())
        .isEqualTo("cron(0 3 * * ? *)");
  }

  @Test
  void template_acceptsOneToTenTableNames_andRefusesAnEleventhRatherThanSkipIt() {
    String pattern = template.at("/Parameters/TableNames/AllowedPattern").asText();
    assertThat("users").matches(pattern);
    assertThat("users,orders,my-table.v2").matches(pattern);
    assertThat(String.join(",", tables(10))).matches(pattern);
    assertThat(String.join(",", tables(11))).doesNotMatch(pattern);
    assertThat("users, orders").doesNotMatch(pattern);
    assertThat("").doesNotMatch(pattern);
  }

  @Test
  void template_letsEachTableChooseItsEngine_inTableNamesOrder() {
    String pattern = template.at("/Parameters/BackupEngines/AllowedPattern").asText();
    assertThat("").matches(pattern);
    assertThat("export").matches(pattern);
    assertThat("scan,export-incremental,,export").matches(pattern);
    assertThat("export,".repeat(9) + "export").matches(pattern);
    assertThat("export,".repeat(10) + "export").doesNotMatch(pattern);
    assertThat("import").doesNotMatch(pattern);
    assertThat("scan, export").doesNotMatch(pattern);
  }

  // ------------------------------------------------------------------ stack and AWS CLI helpers

  private record Stack(String name, Map<String, String> outputs, Map<String, String> resources) {}

  private record Result(int exitCode, String output) {}

  private static Stack deploy(String name, Map<String, String> overrides) throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ImageUri", "example.com/dynamodb-backup:1.0.0");
    parameters.put("Subnets", "subnet-0a1b2c3d,subnet-4e5f6a7b");
    parameters.put("SecurityGroup", "sg-0a1b2c3d");
    parameters.putAll(overrides);
    ArrayNode list = JSON.createArrayNode();
    parameters.forEach(
        (key, value) -> list.addObject().put("ParameterKey", key).put("ParameterValue", value));
    Path file = work.resolve(name + "-parameters.json");
    JSON.writeValue(file.toFile(), list);
    aws(
        "cloudformation",
        "create-stack",
        "--stack-name",
        name,
        "--template-body",
        "file://" + TEMPLATE,
        "--capabilities",
        "CAPABILITY_IAM",
        "--parameters",
        "file://" + file);
    JsonNode stack = null;
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      stack = aws("cloudformation", "describe-stacks", "--stack-name", name).at("/Stacks/0");
      if (!stack.get("StackStatus").asText().endsWith("_IN_PROGRESS")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(stack.get("StackStatus").asText()).as("stack %s", name).isEqualTo("CREATE_COMPLETE");
    Map<String, String> outputs = new LinkedHashMap<>();
    for (JsonNode output : stack.path("Outputs")) {
      outputs.put(output.get("OutputKey").asText(), output.get("OutputValue").asText());
    }
    Map<String, String> resources = new LinkedHashMap<>();
    for (JsonNode resource :
        aws("cloudformation", "list-stack-resources", "--stack-name", name)
            .get("StackResourceSummaries")) {
      if (resource.hasNonNull("LogicalResourceId") && resource.hasNonNull("PhysicalResourceId")) {
        resources.put(
            resource.get("LogicalResourceId").asText(),
            resource.get("PhysicalResourceId").asText());
      }
    }
    return new Stack(name, outputs, resources);
  }

  private static JsonNode bucketEncryption(Stack stack) throws Exception {
    return aws("s3api", "get-bucket-encryption", "--bucket", stack.outputs().get("BucketName"))
        .at("/ServerSideEncryptionConfiguration/Rules/0");
  }

  private static int logRetention(Stack stack) throws Exception {
    String name = stack.outputs().get("LogGroupName");
    for (JsonNode group :
        aws("logs", "describe-log-groups", "--log-group-name-prefix", name).get("logGroups")) {
      if (group.get("logGroupName").asText().equals(name)) {
        return group.path("retentionInDays").asInt(-1);
      }
    }
    return fail("log group %s not found", name);
  }

  private static JsonNode taskDefinition(Stack stack, String output) throws Exception {
    return aws("ecs", "describe-task-definition", "--task-definition", stack.outputs().get(output))
        .get("taskDefinition");
  }

  private static Map<String, String> environment(JsonNode container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode variable : container.path("environment")) {
      // moto turns an omitted (AWS::NoValue) list element into null instead of dropping it.
      if (!variable.isNull()) {
        environment.put(variable.get("name").asText(), variable.get("value").asText());
      }
    }
    return environment;
  }

  private static String roleArn(Stack stack, String logicalId) throws Exception {
    return aws("iam", "get-role", "--role-name", stack.resources().get(logicalId))
        .at("/Role/Arn")
        .asText();
  }

  private static String trustedService(Stack stack, String logicalId) throws Exception {
    JsonNode statements =
        aws("iam", "get-role", "--role-name", stack.resources().get(logicalId))
            .at("/Role/AssumeRolePolicyDocument/Statement");
    assertThat(statements).hasSize(1);
    return statements.at("/0/Principal/Service").asText();
  }

  private static JsonNode rolePolicy(Stack stack, String logicalId, String policyName)
      throws Exception {
    JsonNode document =
        aws(
                "iam",
                "get-role-policy",
                "--role-name",
                stack.resources().get(logicalId),
                "--policy-name",
                policyName)
            .get("PolicyDocument");
    if (document.isTextual()) {
      // moto stores a CloudFormation inline policy as Python's repr of the document.
      document =
          JSON.readTree(
              document
                  .asText()
                  .replace('\'', '"')
                  .replace("None", "null")
                  .replace("True", "true")
                  .replace("False", "false"));
    }
    ArrayNode statements = JSON.createArrayNode();
    for (JsonNode statement : document.get("Statement")) {
      if (!statement.isNull()) {
        statements.add(statement);
      }
    }
    return ((ObjectNode) document).set("Statement", statements);
  }

  private static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode statement : policy.get("Statement")) {
      if (sid.equals(statement.path("Sid").asText())) {
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        return statement;
      }
    }
    return fail("no statement %s in %s", sid, policy);
  }

  private static List<String> actions(JsonNode policy) {
    TreeSet<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      actions.addAll(strings(statement.get("Action")));
    }
    return new ArrayList<>(actions);
  }

  private static List<String> resources(JsonNode statement) {
    return strings(statement.get("Resource"));
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    }
    for (JsonNode value : node) {
      if (!value.isNull()) {
        values.add(value.asText());
      }
    }
    return values;
  }

  private static List<String> tables(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add("table" + i);
    }
    return names;
  }

  private static JsonNode aws(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(tool("aws.cli", "aws"));
    command.addAll(List.of(arguments));
    command.addAll(
        List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
    String output = run(command);
    return output.isBlank() ? JSON.createObjectNode() : JSON.readTree(output);
  }

  private static String run(List<String> command) throws Exception {
    Result result = exec(command);
    if (result.exitCode() != 0) {
      fail("%s exited %d:%n%s", command, result.exitCode(), result.output());
    }
    return result.output();
  }

  /** Runs a command with dummy credentials and no user configuration; stdout only if it works. */
  private static Result exec(List<String> command) throws Exception {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.remove("AWS_SESSION_TOKEN");
    env.remove("AWS_PROFILE");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    env.put("AWS_PAGER", "");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return fail(
          "cannot run %s (%s): install it or name it with -D%s=...",
          command.get(0), e.getMessage(), "cfn.lint|moto.server|aws.cli|python");
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("%s did not finish in 120 s", command);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(out);
    Files.delete(err);
    return new Result(process.exitValue(), process.exitValue() == 0 ? stdout : stdout + stderr);
  }

  private static String tool(String property, String fallback) {
    return System.getProperty(property, fallback);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitMoto() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).GET().build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!moto.isAlive()) {
        fail("moto_server exited %d; see %s", moto.exitValue(), work.resolve("moto_server.log"));
      }
      try {
        http.send(ping, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    fail("moto_server did not answer on %s within 60 s", endpoint);
  }
}
