package io.lethe.server.security;

import io.lethe.server.audit.AuditTrail;
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

  @Bean
  SecurityManager shiroSecurityManager(PrincipalStore store) {
    DefaultSecurityManager manager = new DefaultSecurityManager(new ApiKeyRealm(store));
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
}
