/**
 * What every job shares: the context a job runs with and the failure it ends with. Each job lives
 * in its own package ({@code backup}, {@code restore}, {@code verify}, {@code list}) and combines
 * the mechanism packages; docs/ARCHITECTURE.md draws the tree and its dependency rule.
 */
package io.dynamodbbackup;
