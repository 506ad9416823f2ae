package dev.envflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.envflow.activities.crypto.KeyRing;
import dev.envflow.activities.secrets.DatabaseSecretStore;
import dev.envflow.worker.EnvflowSpringTest;
import dev.envflow.worker.embedded.LoopbackGrpcForwarder;
import dev.envflow.workflows.ProvisionEnvironmentWorkflowImpl;
import dev.envflow.workflows.TeardownEnvironmentWorkflowImpl;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full provisioning and teardown through the app, then their histories read from the embedded Temporal
 * server through its loopback port: every payload is envflow-encrypted, no stored password appears in them
 * raw or decoded, and they replay with the same converter (and only with it).
 */
class EncryptedHistoryTest extends EnvflowSpringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CODEC_KEYS = TestKeys.entry("history", 7);
  private static final int TEMPORAL_PORT = freePort();
  private static final String ID = "env-synckairos-codec";

  private static Run run;

  @Autowired TestRestTemplate http;
  @Autowired DatabaseSecretStore secrets;
  @Autowired WorkflowClient client;
  @Autowired LoopbackGrpcForwarder temporalPort;
  @Autowired Path stateDirectory;

  @DynamicPropertySource
  static void encryptionProperties(DynamicPropertyRegistry registry) {
    registry.add("envflow.encryption.codec-keys", () -> CODEC_KEYS);
    registry.add("envflow.embedded.temporal-port", () -> TEMPORAL_PORT);
  }

  /** The provisioning and teardown histories, read raw, and every password that was stored meanwhile. */
  record Run(WorkflowExecutionHistory provision, WorkflowExecutionHistory teardown, Set<String> passwords) {}

  @Test
  void everyPayloadOfAFullRunIsEncryptedAndNoneHoldsAStoredPasswordRawOrDecoded() throws Exception {
    Run run = run();
    DataConverter sameKeys = converter(CODEC_KEYS);

    for (WorkflowExecutionHistory history : List.of(run.provision(), run.teardown())) {
      List<Found> found = payloads(history);
      assertThat(found).as("payloads of " + history.getWorkflowExecution()).hasSizeGreaterThan(5);
      assertThat(found).filteredOn(each -> !isSdkMarkerMetadata(each)).allSatisfy(each -> {
        assertThat(AesGcmPayloadCodec.isEncrypted(each.payload())).as(each.where() + ": " + each.payload()).isTrue();
        assertThat(each.payload().getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("history");
      });
      List<Payload> payloads = found.stream().map(Found::payload).toList();

      String raw = new String(history.getHistory().toByteArray(), StandardCharsets.ISO_8859_1) + history.toJson(false);
      String decoded = String.join("\n", ((CodecDataConverter) sameKeys).decode(payloads).stream()
          .map(payload -> payload.getData().toStringUtf8()).toList());
      assertThat(decoded).as("the decoded payloads are readable").contains("synckairos-codec");
      for (String password : run.passwords()) {
        assertThat(raw).as("raw history").doesNotContain(password);
        assertThat(decoded).as("decoded payloads").doesNotContain(password);
      }
    }
  }

  @Test
  void theRecordedHistoriesReplayWithTheSameConverterAndNotWithoutIt() throws Exception {
    Run run = run();

    replay(run.provision(), ProvisionEnvironmentWorkflowImpl.class, converter(CODEC_KEYS));
    replay(run.teardown(), TeardownEnvironmentWorkflowImpl.class, converter(TestKeys.entry("later", 8) + "," + CODEC_KEYS));

    assertThatThrownBy(() -> replay(run.provision(), ProvisionEnvironmentWorkflowImpl.class, converter(TestKeys.entry("history", 9))))
        .as("another key under the same id").isNotNull();
    assertThatThrownBy(() -> replay(run.provision(), ProvisionEnvironmentWorkflowImpl.class, DefaultDataConverter.newDefaultInstance()))
        .as("no codec").isNotNull();
  }

  @Test
  void theEmbeddedServerListensOnLoopbackOnlyAndServesClientsThere() throws Exception {
    assertThat(temporalPort.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(temporalPort.address().getPort()).isEqualTo(TEMPORAL_PORT);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", TEMPORAL_PORT), 2000);
    }
    List<InetAddress> others = nonLoopbackAddresses();
    Assumptions.assumeFalse(others.isEmpty(), "this machine has no other address to try");
    for (InetAddress address : others) {
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, TEMPORAL_PORT), 2000);
        }
      }).as("connecting on " + address.getHostAddress()).isInstanceOf(ConnectException.class);
    }

    WorkflowServiceStubs stubs = portStubs();
    try {
      String namespace = stubs.blockingStub().describeNamespace(
          DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
          .getNamespaceInfo().getName();
      assertThat(namespace).isEqualTo("default");
    } finally {
      stubs.shutdownNow();
    }
  }

  private synchronized Run run() throws Exception {
    if (run != null) {
      return run;
    }
    ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("..", "examples", "synckairos-local.json").toFile());
    spec.put("environment", "codec");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-codec");
    http.getRestTemplate().getInterceptors().add((request, body, execution) -> {
      request.getHeaders().setBearerAuth(ADMIN_TOKEN);
      return execution.execute(request, body);
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.postForEntity("/api/environments", new HttpEntity<>(spec, headers), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode[] status = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
      status[0] = http.getForObject("/api/environments/" + ID, JsonNode.class);
      return Set.of("ACTIVE", "ROLLED_BACK", "FAILED").contains(status[0].path("phase").asText());
    });
    assertThat(status[0].path("phase").asText()).as(status[0].toPrettyString()).isEqualTo("ACTIVE");

    Set<String> passwords = storedPasswords();
    assertThat(passwords).as("passwords of the Redis user and the PostgreSQL role").hasSizeGreaterThanOrEqualTo(2);

    http.exchange("/api/environments/" + ID, HttpMethod.DELETE, null, JsonNode.class);
    client.newUntypedWorkflowStub("teardown-" + ID).getResult(60, TimeUnit.SECONDS, JsonNode.class);

    WorkflowServiceStubs stubs = portStubs();
    try {
      WorkflowClient raw = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      run = new Run(raw.fetchHistory(ID), raw.fetchHistory("teardown-" + ID), passwords);
    } finally {
      stubs.shutdownNow();
    }
    return run;
  }

  /** Every stored secret's password (and whole value), read back from the shared store. */
  private Set<String> storedPasswords() {
    Set<String> passwords = new LinkedHashSet<>();
    for (String name : secrets.names()) {
      String value = secrets.get(name).orElseThrow();
      passwords.add(value);
      String userInfo = URI.create(value).getRawUserInfo();
      if (userInfo != null && userInfo.contains(":")) {
        String password = userInfo.substring(userInfo.indexOf(':') + 1);
        passwords.add(password);
        passwords.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
      }
    }
    passwords.removeIf(password -> password.length() < 8);
    return passwords;
  }

  private static void replay(WorkflowExecutionHistory history, Class<?> workflow, DataConverter converter) throws Exception {
    TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
        .build());
    try {
      WorkflowReplayer.replayWorkflowExecution(history, environment, workflow);
    } finally {
      environment.close();
    }
  }

  private static DataConverter converter(String keys) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(),
        List.of(new AesGcmPayloadCodec(KeyRing.parse("test keys", keys))), true);
  }

  /**
   * The SDK writes the details of {@code Workflow.getVersion} markers (change id, version number) with the
   * standard converter, never through a codec; they are the only payloads left in clear, and hold no data.
   */
  private static boolean isSdkMarkerMetadata(Found found) {
    return found.where().matches("\\d+ EVENT_TYPE_MARKER_RECORDED\\.marker_recorded_event_attributes"
        + "\\.details\\[(changeId|version|versionSearchAttributeUpdated)]\\.payloads")
        && found.payload().getData().toStringUtf8().matches("\"[a-z0-9-]+\"|\\d+|true|false")
        || isLocalActivityMarkerMetadata(found);
  }

  /**
   * The SDK's own bookkeeping of a local activity, in plain JSON by design: its id (a UUID), its type (e.g.
   * {@code "RecordResource"}), when it ran and its attempt. Its input and result are payloads like any other, encrypted.
   */
  private static boolean isLocalActivityMarkerMetadata(Found found) {
    String data = found.payload().getData().toStringUtf8();
    String where = "\\d+ EVENT_TYPE_MARKER_RECORDED\\.marker_recorded_event_attributes\\.details\\[%s]\\.payloads";
    return found.where().matches(String.format(where, "activityId")) && data.matches("\"[0-9a-f-]{36}\"")
        || found.where().matches(String.format(where, "type")) && data.matches("\"[A-Z][A-Za-z]+\"")
        || found.where().matches(String.format(where, "time")) && data.matches("\\d+")
        || found.where().matches(String.format(where, "meta"))
            && data.matches("\\{\"firstSkd\":\\d+,\"atpt\":\\d+,\"backoff\":(null|\\{[^\"]*\"seconds\"[^}]*})}");
  }

  /** A payload and where it sits: event id, type and field path (map keys in brackets). */
  record Found(String where, Payload payload) {}

  /** Every payload anywhere in the history's events, search attributes aside (the server indexes them). */
  static List<Found> payloads(WorkflowExecutionHistory history) {
    List<Found> payloads = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      collect(event.getEventId() + " " + event.getEventType(), event, payloads);
    }
    return payloads;
  }

  private static void collect(String where, Message message, List<Found> payloads) {
    if (message instanceof Payload payload) {
      payloads.add(new Found(where, payload));
      return;
    }
    if (message instanceof SearchAttributes) {
      return;
    }
    if (message.getDescriptorForType().getOptions().getMapEntry()) {
      Object key = message.getField(message.getDescriptorForType().findFieldByName("key"));
      Object value = message.getField(message.getDescriptorForType().findFieldByName("value"));
      if (value instanceof Message entry) {
        collect(where + "[" + key + "]", entry, payloads);
      }
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
      values.forEach(value -> collect(where + "." + field.getKey().getName(), (Message) value, payloads));
    }
  }

  private static WorkflowServiceStubs portStubs() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + TEMPORAL_PORT).build());
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        Collections.list(network.getInetAddresses()).stream()
            .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
            .forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
