package dev.envflow.activities.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rate mode of the fakes that got it for scenario 1b's second configuration: off by default; when on, every
 * drawn fault reaches the client as the API's 429 / 5xx, a timeout or a reset; and nothing is drawn for a request
 * that fails authentication.
 */
class RandomFaultsInTheFakesTest {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final OkHttpClient CLIENT = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300))
      .retryOnConnectionFailure(false).build();
  private static FakeRedisServers redis;

  /** One fake, its rate mode, and an authenticated request that changes nothing. */
  record Subject(AutoCloseable fake, RandomFaults faults, Request look, String envelope) {}

  @BeforeAll
  static void startRedis() {
    redis = new FakeRedisServers();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  static Stream<Arguments> fakes() {
    return Stream.<Supplier<Subject>>of(
        () -> {
          FakeGrafana grafana = new FakeGrafana();
          return new Subject(grafana, grafana.randomFaults(), new Request.Builder().url(grafana.url() + "/api/datasources")
              .header("Authorization", "Bearer " + FakeGrafana.TOKEN).build(), "\"message\"");
        },
        () -> {
          FakeDatadog datadog = new FakeDatadog();
          return new Subject(datadog, datadog.randomFaults(), new Request.Builder().url(datadog.url() + "/api/v1/monitor")
              .header("DD-API-KEY", FakeDatadog.API_KEY).header("DD-APPLICATION-KEY", FakeDatadog.APP_KEY).build(),
              "\"errors\"");
        },
        () -> {
          FakeRedisCloudApi cloud = new FakeRedisCloudApi(redis);
          return new Subject(cloud, cloud.randomFaults(), new Request.Builder().url(cloud.baseUrl() + "/payment-methods")
              .header("x-api-key", FakeRedisCloudApi.ACCESS_KEY).header("x-api-secret-key", FakeRedisCloudApi.SECRET_KEY)
              .build(), "\"error\"");
        },
        () -> {
          FakeFlyMachinesApi fly = FakeFlyMachinesApi.start();
          return new Subject(fly, fly.randomFaults(), new Request.Builder().url(fly.baseUrl() + "/v1/apps/none")
              .header("Authorization", "Bearer " + FakeFlyMachinesApi.TOKEN).build(), "\"error\"");
        },
        () -> {
          FakeFlyGraphql graphql = new FakeFlyGraphql(redis);
          return new Subject(graphql, graphql.randomFaults(), new Request.Builder().url(graphql.url())
              .header("Authorization", "Bearer " + FakeFlyGraphql.TOKEN)
              .post(RequestBody.create("{\"query\":\"query { addOnPlans { nodes { id } } }\"}", JSON)).build(),
              "\"error\"");
        })
        .map(Supplier::get)
        .map(subject -> Arguments.of(Named.of(subject.fake().getClass().getSimpleName(), subject)));
  }

  @ParameterizedTest
  @MethodSource("fakes")
  void offByDefaultThenEveryDrawnFaultReachesTheClient(Subject subject) throws Exception {
    try (AutoCloseable fake = subject.fake()) {
      int normal = send(subject.look()).code();
      assertThat(normal).isIn(200, 404);
      assertThat(subject.faults().total()).isZero();

      subject.faults().rate(1.0, 7, 600);
      int requests = 25;
      int failed = 0;
      for (int i = 0; i < requests; i++) {
        try (Response response = CLIENT.newCall(subject.look()).execute()) {
          String body = response.body().string();
          assertThat(response.code()).isIn(429, 500, 503);
          assertThat(body).contains(subject.envelope());
          if (response.code() == 429) {
            assertThat(response.header("Retry-After")).isEqualTo("1");
          }
          failed++;
        } catch (IOException resetOrTimeout) {
          failed++;
        }
      }
      assertThat(failed).isEqualTo(requests);
      assertThat(subject.faults().total()).isEqualTo(requests);

      Request anonymous = subject.look().newBuilder().removeHeader("Authorization").removeHeader("DD-API-KEY")
          .removeHeader("x-api-key").build();
      send(anonymous);
      assertThat(subject.faults().total()).as("no fault drawn before authentication").isEqualTo(requests);
      assertThat(subject.faults().injected()).hasSize(RandomFaults.Kind.values().length);
    }
  }

  private static Response send(Request request) throws IOException {
    try (Response response = CLIENT.newCall(request).execute()) {
      return response;
    }
  }
}
