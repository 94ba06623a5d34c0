package io.lethe.server.security;

import io.lethe.server.audit.AuditTrail;
import io.lethe.server.config.LetheProperties;
import io.lethe.server.problem.ProblemWriter;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.mgt.SecurityManager;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Shiro without sessions: every request authenticates with its own bearer API key. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The roles, checked before anything else starts: malformed ones stop the server. */
  @Bean
  RoleCatalog roleCatalog(LetheProperties properties) {
    return RoleCatalog.of(properties.security().roles());
  }

  @Bean
  SecurityManager shiroSecurityManager(PrincipalStore store, RoleCatalog roles) {
    DefaultSecurityManager manager = new DefaultSecurityManager(new ApiKeyRealm(store, roles));
    DefaultSessionStorageEvaluator noSessions = new DefaultSessionStorageEvaluator();
    noSessions.setSessionStorageEnabled(false);
    ((DefaultSubjectDAO) manager.getSubjectDAO()).setSessionStorageEvaluator(noSessions);
    return manager;
  }

  @Bean
  FilterRegistrationBean<BearerAuthenticationFilter> bearerAuthenticationFilter(
      SecurityManager manager, ProblemWriter problems, AuditTrail audit) {
    FilterRegistrationBean<BearerAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new BearerAuthenticationFilter(manager, problems, audit));
    // Deny by default: every API and operations path needs a key; only the bare health check
    // (for load balancers and container health checks) is open.
    registration.addUrlPatterns("/v1/*", "/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** After authentication, so that a caller without a key learns nothing, not even a limit. */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(LetheProperties properties,
      ProblemWriter problems) {
    LetheProperties.Limits limits = properties.limits();
    FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
        new RequestSizeLimit(limits.jsonMaxSize().toBytes(), limits.uploadMaxSize().toBytes(),
            problems));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
