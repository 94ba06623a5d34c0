package io.lethe.server;

import io.lethe.server.config.LetheProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Lethe's server: the REST API over the storage, audit and lifecycle libraries. */
@SpringBootApplication
@EnableConfigurationProperties(LetheProperties.class)
public class LetheServer {
  public static void main(String[] args) {
    SpringApplication.run(LetheServer.class, args);
  }
}
