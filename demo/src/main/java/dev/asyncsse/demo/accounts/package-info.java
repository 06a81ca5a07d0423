/** Typed SSE code generated from the account service's AsyncAPI document. */
@AsyncApiSpec("account-service-v3.yaml")
package dev.asyncsse.demo.accounts;

import dev.asyncsse.annotations.AsyncApiSpec;
