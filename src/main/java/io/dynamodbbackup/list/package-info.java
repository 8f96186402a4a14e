/** The list job: the backups in a bucket or folder, newest first, each complete or not. */
package io.dynamodbbackup.list;
