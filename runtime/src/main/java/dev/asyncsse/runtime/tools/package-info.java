/**
 * Command-line tools in the runtime jar: {@link dev.asyncsse.runtime.tools.SseTail} prints the
 * events of a Server-Sent Events stream as JSON lines.
 */
package dev.asyncsse.runtime.tools;
