/**
 * The jobs: backup, restore, verify and list. Each job combines the mechanism packages ({@code
 * dynamo}, {@code format}, {@code store}, {@code manifest}, {@code report}) into one workflow and
 * describes its plan and result as records.
 */
package io.dynamodbbackup;
