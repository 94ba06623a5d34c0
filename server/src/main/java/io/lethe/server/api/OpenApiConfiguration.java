package io.lethe.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: public, because it describes the contract and
 * holds no data; every path it lists needs a bearer API key.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI letheOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Lethe").version("v1").description("Personal data kept the way "
            + "a privacy policy promises: encrypted field by field, read for a stated purpose, "
            + "every access on record. Errors are RFC 7807 problems with a stable 'code'."))
        .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A Lethe API key")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }

  /**
   * Every call that takes a body may be refused as too large (lethe.limits.*): documented on each
   * POST and PATCH, since springdoc cannot see a servlet filter.
   */
  @Bean
  org.springdoc.core.customizers.OpenApiCustomizer requestSizeLimits() {
    return api -> {
      if (api.getPaths() == null) {
        return;
      }
      api.getPaths().values().forEach(path -> java.util.stream.Stream.of(path.getPost(),
          path.getPatch()).filter(java.util.Objects::nonNull).forEach(op -> op.getResponses()
              .addApiResponse("413", new io.swagger.v3.oas.models.responses.ApiResponse()
                  .description("request.too-large: the body is larger than "
                      + "lethe.limits.json-max-size (uploads: lethe.limits.upload-max-size); "
                      + "nothing was stored"))));
    };
  }
}
