/**
 * The typed client and server that the processor generates from the account service document; the
 * client benchmark receives {@code userSignedup} messages through them.
 */
@AsyncApiSpec("account-service-v3.yaml")
package dev.asyncsse.benchmarks.accounts;

import dev.asyncsse.annotations.AsyncApiSpec;
