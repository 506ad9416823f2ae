package dev.envflow.activities.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's connection pooler, as far as a client can tell: a separate address (another port on
 * 127.0.0.1) that forwards every connection to the tests' PostgreSQL. It lets a fake hand out a pooled
 * connection string that differs from the direct one and still really works.
 */
public final class FakePooler implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fake-pooler");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger served = new AtomicInteger();

  public FakePooler(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake pooler", e);
    }
    threads.execute(this::accept);
  }

  /** In front of the tests' PostgreSQL. */
  public static FakePooler forTestPostgres() {
    return new FakePooler(FakeCloudPostgres.host(), FakeCloudPostgres.port());
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many client connections went through it. */
  public int connectionsServed() {
    return served.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(FakePooler::closeQuietly);
    threads.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(upstream);
        served.incrementAndGet();
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("fake pooler: " + e.getMessage());
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
