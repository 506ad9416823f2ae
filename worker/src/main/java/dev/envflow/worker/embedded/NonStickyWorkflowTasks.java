package dev.envflow.worker.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps the Java test server from routing a workflow to one worker. A worker that completes a workflow task asks for
 * the workflow's next tasks and queries on its own "sticky" queue; a real Temporal server gives that queue a few
 * seconds and then falls back to the shared one, but the test server never does, so a workflow whose worker was
 * killed would never run or answer again. With the request's sticky attributes removed, every task and query goes to
 * the shared task queue, which any live worker polls; a worker that still caches the workflow replays it from the
 * full history it then gets. Used by {@code envflow dev-server}, whose workers come and go.
 */
public final class NonStickyWorkflowTasks {

  private NonStickyWorkflowTasks() {}

  /** The rewrite for {@link LoopbackGrpcForwarder#start(int, io.grpc.Channel, Map)}. */
  public static Map<String, UnaryOperator<byte[]>> rewrites() {
    return Map.of(WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName(),
        NonStickyWorkflowTasks::withoutStickyAttributes);
  }

  static byte[] withoutStickyAttributes(byte[] request) {
    try {
      RespondWorkflowTaskCompletedRequest completed = RespondWorkflowTaskCompletedRequest.parseFrom(request);
      return completed.hasStickyAttributes() ? completed.toBuilder().clearStickyAttributes().build().toByteArray() : request;
    } catch (InvalidProtocolBufferException e) {
      throw Status.INVALID_ARGUMENT.withDescription("not a RespondWorkflowTaskCompletedRequest").withCause(e)
          .asRuntimeException();
    }
  }
}
