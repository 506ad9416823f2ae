package dev.envflow.worker.embedded;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A gRPC listener on {@code 127.0.0.1:port} — loopback only, never another interface — that forwards every
 * call, unchanged and with flow control, to a channel: here the in-process channel of the embedded Temporal
 * server, so that the {@code temporal} CLI and SDK clients on this machine reach the same server as envflow.
 * It knows no service: any method is relayed as bytes, so the workflow, operator and health services all work.
 */
public final class LoopbackGrpcForwarder implements AutoCloseable {

  private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
  private static final InetAddress LOOPBACK = loopback();

  private final Server server;

  private LoopbackGrpcForwarder(Server server) {
    this.server = server;
  }

  /** Listens on {@code 127.0.0.1:port} ({@code port} 0 picks a free one) and relays calls to {@code target}. */
  public static LoopbackGrpcForwarder start(int port, Channel target) {
    return start(port, target, Map.of());
  }

  /**
   * Like {@link #start(int, Channel)}, but each request message of a method named in {@code rewrites} (its full
   * name, {@code service/method}) is relayed as that function makes it.
   */
  public static LoopbackGrpcForwarder start(int port, Channel target, Map<String, UnaryOperator<byte[]>> rewrites) {
    InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
    try {
      Server server = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
          .fallbackHandlerRegistry(new RelayRegistry(target, Map.copyOf(rewrites)))
          .maxInboundMessageSize(MAX_MESSAGE_BYTES)
          .build()
          .start();
      return new LoopbackGrpcForwarder(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address.getAddress().getHostAddress() + ":" + port, e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where it listens. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static final class RelayRegistry extends HandlerRegistry {
    private final ServerCallHandler<byte[], byte[]> handler;

    RelayRegistry(Channel target, Map<String, UnaryOperator<byte[]>> rewrites) {
      this.handler = (serverCall, headers) -> {
        ClientCall<byte[], byte[]> clientCall = target.newCall(serverCall.getMethodDescriptor(), CallOptions.DEFAULT);
        UnaryOperator<byte[]> rewrite = rewrites.getOrDefault(serverCall.getMethodDescriptor().getFullMethodName(),
            UnaryOperator.identity());
        Relay relay = new Relay(serverCall, clientCall, rewrite);
        clientCall.start(relay.fromTarget, headers);
        serverCall.request(1);
        clientCall.request(1);
        return relay.fromCaller;
      };
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setFullMethodName(methodName)
          .setType(MethodDescriptor.MethodType.UNKNOWN)
          .setRequestMarshaller(Bytes.INSTANCE)
          .setResponseMarshaller(Bytes.INSTANCE)
          .build();
      return ServerMethodDefinition.create(method, handler);
    }
  }

  /** Relays one call both ways, asking each side for the next message only when the other can take it. */
  private static final class Relay {
    private final ServerCall<byte[], byte[]> serverCall;
    private final ClientCall<byte[], byte[]> clientCall;
    private final UnaryOperator<byte[]> rewrite;
    private boolean callerWaits;
    private boolean targetWaits;

    final ServerCall.Listener<byte[]> fromCaller = new ServerCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        clientCall.sendMessage(rewrite.apply(message));
        synchronized (Relay.this) {
          if (clientCall.isReady()) {
            serverCall.request(1);
          } else {
            callerWaits = true;
          }
        }
      }

      @Override
      public void onHalfClose() {
        clientCall.halfClose();
      }

      @Override
      public void onCancel() {
        clientCall.cancel("the caller cancelled", null);
      }

      @Override
      public void onReady() {
        synchronized (Relay.this) {
          if (targetWaits) {
            targetWaits = false;
            clientCall.request(1);
          }
        }
      }
    };

    final ClientCall.Listener<byte[]> fromTarget = new ClientCall.Listener<>() {
      @Override
      public void onHeaders(Metadata headers) {
        serverCall.sendHeaders(headers);
      }

      @Override
      public void onMessage(byte[] message) {
        serverCall.sendMessage(message);
        synchronized (Relay.this) {
          if (serverCall.isReady()) {
            clientCall.request(1);
          } else {
            targetWaits = true;
          }
        }
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        serverCall.close(status, trailers);
      }

      @Override
      public void onReady() {
        synchronized (Relay.this) {
          if (callerWaits) {
            callerWaits = false;
            serverCall.request(1);
          }
        }
      }
    };

    Relay(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall, UnaryOperator<byte[]> rewrite) {
      this.serverCall = serverCall;
      this.clientCall = clientCall;
      this.rewrite = rewrite;
    }
  }

  private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw Status.INTERNAL.withDescription("cannot read a message").withCause(e).asRuntimeException();
      }
    }
  }
}
