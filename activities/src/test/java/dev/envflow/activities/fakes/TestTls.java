package dev.envflow.activities.fakes;

import dev.envflow.activities.redis.RedisTls;
import dev.envflow.activities.testing.LocalServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made once per JVM with the JDK's
 * {@code keytool} (no key is committed), as PEM files a fake Redis serves TLS with, and the client trust that
 * accepts it. Deleted when the JVM exits.
 */
public final class TestTls {

  private static final String PASSWORD = "fake-tls-store";
  private static TestTls instance;

  private final Path certificate;
  private final Path privateKey;
  private final SSLContext clientContext;

  private TestTls(Path certificate, Path privateKey, SSLContext clientContext) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clientContext = clientContext;
  }

  public static synchronized TestTls get() {
    if (instance == null) {
      instance = generate();
    }
    return instance;
  }

  public Path certificate() {
    return certificate;
  }

  public Path privateKey() {
    return privateKey;
  }

  /** Trust for clients of the fakes' TLS servers. */
  public RedisTls redisTls() {
    return RedisTls.trusting(clientContext);
  }

  private static TestTls generate() {
    try {
      Path directory = Files.createTempDirectory("envflow-test-tls");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalServices.deleteRecursively(directory)));
      Path store = directory.resolve("fake.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "fake", "-keyalg", "RSA",
          "-keysize", "2048", "-validity", "3650", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
          "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      PrivateKey key = (PrivateKey) keys.getKey("fake", PASSWORD.toCharArray());
      Certificate certificate = keys.getCertificate("fake");
      Path certificateFile = directory.resolve("cert.pem");
      Path keyFile = directory.resolve("key.pem");
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("fake", certificate);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return new TestTls(certificateFile, keyFile, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
