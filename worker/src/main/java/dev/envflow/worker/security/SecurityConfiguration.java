package dev.envflow.worker.security;

import dev.envflow.activities.cloud.ProviderVariables;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Authentication of the API: the bootstrap admin token, the token store and the filter in front of
 * {@code /api/**} (the codec endpoints check tokens themselves, after CORS, see {@code CodecConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  AdminToken adminToken(ProviderVariables variables, Path stateDirectory) {
    AdminToken admin = AdminToken.resolve(variables.get(AdminToken.VARIABLE), stateDirectory);
    admin.file().ifPresentOrElse(
        file -> log.info("admin token in {} (mode 0600); the CLI on this machine uses it", file),
        () -> log.info("admin token from {}", AdminToken.VARIABLE));
    return admin;
  }

  @Bean
  TokenStore tokenStore(DataSource inventoryDataSource) {
    return new TokenStore(inventoryDataSource);
  }

  @Bean
  Authenticator authenticator(AdminToken adminToken, TokenStore tokenStore) {
    return new Authenticator(adminToken, tokenStore);
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter(Authenticator authenticator) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(authenticator));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(0);
    return registration;
  }
}
