package dev.envflow.worker.config;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.crypto.KeyRingFile;
import dev.envflow.worker.security.Authenticator;
import dev.envflow.worker.security.Role;
import dev.envflow.worker.security.AesGcmPayloadCodec;
import dev.envflow.worker.security.CodecAuthInterceptor;
import dev.envflow.worker.security.CodecAuthorizer;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Payload encryption: the AES-GCM codec under {@code ENVFLOW_CODEC_KEYS}, wrapped into the data converter that
 * temporal-spring-boot-starter gives the worker and the {@code WorkflowClient} (it picks the bean named {@code
 * mainDataConverter}), and the codec endpoints' authorisation and CORS.
 */
@Configuration(proxyBeanMethods = false)
public class CodecConfiguration {

  static final String ADMIN_TOKEN = "ENVFLOW_ADMIN_TOKEN";
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  AesGcmPayloadCodec payloadCodec(EncryptionProperties encryption, Path stateDirectory) {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(
        KeyRingFile.load("ENVFLOW_CODEC_KEYS", encryption.codecKeys(), stateDirectory.resolve("codec-keys")));
    log.info("Temporal payloads are encrypted with codec key {}", codec.encryptingKeyId());
    return codec;
  }

  /** Failure messages and stack traces are encrypted too: they may quote what an activity saw. */
  @Bean
  DataConverter mainDataConverter(AesGcmPayloadCodec payloadCodec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(payloadMapper())), List.of(payloadCodec), true);
  }

  /**
   * The SDK's JSON mapper, with Jackson's buffers shared by every thread. By default each thread that serializes keeps
   * its own buffers (about 20 KB, softly reachable, so a full collection keeps them), and payloads are serialized on
   * the workflows' own threads: every workflow held in the worker's cache — each one waiting for its approval — parked
   * a thread with its own set (docs/BENCHMARKS.md, figure 4).
   */
  static ObjectMapper payloadMapper() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
    return mapper;
  }

  /** Tokens with the role {@code codec} (or {@code admin}) may use the codec endpoints. */
  @Bean
  CodecAuthorizer codecAuthorizer(Authenticator authenticator) {
    return token -> authenticator.authenticate(token).filter(user -> user.may(Role.CODEC)).isPresent();
  }

  @Bean
  WebMvcConfigurer codecEndpoints(CodecAuthorizer authorizer, ObjectMapper json, EncryptionProperties encryption) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CodecAuthInterceptor(authorizer, json)).addPathPatterns("/codec/**");
      }

      @Override
      public void addCorsMappings(CorsRegistry registry) {
        if (!encryption.codecCorsOrigins().isEmpty()) {
          registry.addMapping("/codec/**")
              .allowedOrigins(encryption.codecCorsOrigins().toArray(String[]::new))
              .allowedMethods("POST")
              .allowedHeaders("Authorization", "X-Namespace", "Content-Type")
              .allowCredentials(true)
              .maxAge(600);
        }
      }
    };
  }
}
